// Forms the contract admits but whose effect on the platform nobody has documented: the
// sandbox accepts them (so does Prism) and says so, because a client relying on them may be
// surprised in production. They are warned about, never rewritten.
import { isJsonObject, valuesAt } from "./body-paths.ts";
import type { SandboxWarning } from "./sandbox-warnings.ts";

// Fields only public client code sends (`x-inferred` in the spec, no docs table has them).
// puk2 and adm1 are not here: the batch call's table lists them (the single call's table is
// cut off in every stored copy), so the docs presumably have them.
const undocumentedFields: Readonly<Record<string, readonly string[]>> = {
  generateAc: ["multiImsiDataList", "smsp"],
  generateAcV2: ["multiImsiDataList", "smsp"],
};

/** The warnings for the uncertain forms a (schema-shaped) request body uses. */
export function noticeUncertainForms(operationId: string, body: unknown): SandboxWarning[] {
  const warnings: SandboxWarning[] = [];
  if (isJsonObject(body)) {
    for (const field of undocumentedFields[operationId] ?? []) {
      if (Object.hasOwn(body, field)) {
        warnings.push({
          field,
          count: 1,
          message:
            "not in the platform's docs (seen in public client code); accepted, not simulated",
        });
      }
    }
  }
  if (operationId === "generateAcByBatch" && isJsonObject(body)) {
    // The docs show `configName` in each record only in an example, equal to the batch's;
    // the batch's is mandatory and is the one that applies.
    const differing = valuesAt(body, ["metaDatas", "[]", "configName"]).filter(
      (name) => typeof name === "string" && name !== body.configName,
    ).length;
    if (differing > 0) {
      warnings.push({
        field: "metaDatas[].configName",
        count: differing,
        message: "differs from the batch's configName, which applies (the docs show it only equal)",
      });
    }
  }
  return warnings;
}
