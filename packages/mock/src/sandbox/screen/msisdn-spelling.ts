// A tolerated form (spec/README.md, "Tolerated forms"): `msisdn` where the generate calls'
// docs spell `msidn`. Both public clients send `msisdn`, and the API's other calls spell it
// so; the contract sends `msidn`. Sent together with `msidn` it is left alone, and the
// schema refuses the unknown key: one value may not have two names.
import { type FieldPath, isJsonObject, pathText, rewriteAt } from "./body-paths.ts";
import type { SandboxWarning } from "./sandbox-warnings.ts";

/** Where the SIM records that spell it `msidn` sit, per operation. */
const recordPaths: Readonly<Record<string, FieldPath>> = {
  generateAc: [],
  generateAcV2: [],
  generateAcByBatch: ["metaDatas", "[]"],
};

/** The body with `msisdn` read as `msidn` in the generate calls, and a warning if it was. */
export function readMsisdnAsMsidn(
  operationId: string,
  body: unknown,
): { readonly body: unknown; readonly warnings: SandboxWarning[] } {
  const path = recordPaths[operationId];
  if (path === undefined) return { body, warnings: [] };
  let count = 0;
  const result = rewriteAt(body, path, (record) => {
    if (
      !isJsonObject(record) ||
      !Object.hasOwn(record, "msisdn") ||
      Object.hasOwn(record, "msidn")
    ) {
      return record;
    }
    count += 1;
    const { msisdn, ...rest } = record;
    return { ...rest, msidn: msisdn };
  });
  const warnings =
    count === 0
      ? []
      : [
          {
            field: pathText([...path, "msisdn"]),
            count,
            message: "not the docs' spelling, read as msidn",
          },
        ];
  return { body: result, warnings };
}
