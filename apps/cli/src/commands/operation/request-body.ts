import { InputError, UsageError } from "../../core/cli-error.ts";
import { type BodyIssue, issueReason } from "../../validate/issue-reason.ts";
import type { BodySchema } from "./product-contract.ts";

/**
 * Merges the body read from `--input` with the fields given as flags or arguments. A field
 * given both ways with different values is refused: which one was meant is unknown.
 */
export function mergeBody(
  fromFile: Readonly<Record<string, unknown>> | undefined,
  fromFlags: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const body: Record<string, unknown> = { ...fromFile };
  for (const [key, value] of Object.entries(fromFlags)) {
    if (value === undefined) continue;
    if (key in body && JSON.stringify(body[key]) !== JSON.stringify(value)) {
      throw new UsageError(`${key} is given both in --input and on the command line`);
    }
    body[key] = value;
  }
  return body;
}

/**
 * Checks a request body against the operation's schema from the contract before anything is
 * sent. Every problem names its field and the rule; no value is ever quoted (it may be a Ki).
 */
export function validateBody(schema: BodySchema, body: unknown, operationId: string): unknown {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap(describeIssue);
  throw new InputError(
    `the ${operationId} request is invalid; nothing was sent:\n  ${problems.join("\n  ")}`,
  );
}

function describeIssue(issue: BodyIssue): string[] {
  const branch = closestBranch(issue);
  if (branch !== undefined) {
    return branch.flatMap((inner) =>
      describeIssue({ ...inner, path: [...issue.path, ...inner.path] }),
    );
  }
  const field = fieldName(issue.path);
  if (issue.code === "unrecognized_keys") {
    const prefix = issue.path.length === 0 ? "" : `${field}.`;
    return (issue.keys ?? []).map((key) => `${prefix}${key}: is not a known field`);
  }
  return [`${field}: ${issueReason(issue)}`];
}

// A body that matches no shape of a union (CMP's eidList | iccidList | imsiList, say) is best
// explained by the shape it came closest to: the one with the fewest problems.
function closestBranch(issue: BodyIssue): readonly BodyIssue[] | undefined {
  if (issue.code !== "invalid_union" || issue.errors === undefined) return undefined;
  const branches = issue.errors.filter((branch) => branch.length > 0);
  if (branches.length === 0) return undefined;
  return branches.reduce((best, branch) => (branch.length < best.length ? branch : best));
}

// `metaDatas[3].ki`, or `body` for the body as a whole.
function fieldName(path: readonly PropertyKey[]): string {
  let name = "";
  for (const key of path) {
    name += typeof key === "number" ? `[${key}]` : `${name === "" ? "" : "."}${String(key)}`;
  }
  return name === "" ? "body" : name;
}
