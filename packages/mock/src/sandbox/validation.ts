// Turns zod issues into a message that names the fields and what is wrong with them, never
// the values (a value may be a Ki, a PIN or an activation code).

/** The parts of a zod issue the message uses. */
export interface IssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** Up to five issues as `path: problem`, joined with `; `. */
export function describeIssues(issues: readonly IssueLike[]): string {
  const shown = issues.slice(0, 5).map((issue) => {
    const path = issue.path.map(String).join(".");
    return `${path === "" ? "body" : path}: ${issue.message}`;
  });
  if (issues.length > shown.length) shown.push(`and ${issues.length - shown.length} more`);
  return shown.join("; ");
}

/**
 * Accepts `msisdn` as a spelling of `msidn` in the generate calls, as the contract promises
 * (public clients send `msisdn`; the docs spell it `msidn`). Returns the body unchanged when
 * there is nothing to rename; never renames when both spellings are present.
 */
export function acceptMsisdnSpelling(operationId: string, body: unknown): unknown {
  if (operationId === "generateAc") return renameMsisdn(body);
  if (operationId === "generateAcByBatch" && isObject(body) && Array.isArray(body.metaDatas)) {
    return { ...body, metaDatas: body.metaDatas.map(renameMsisdn) };
  }
  return body;
}

function renameMsisdn(value: unknown): unknown {
  if (!isObject(value) || !("msisdn" in value) || "msidn" in value) return value;
  const { msisdn, ...rest } = value;
  return { ...rest, msidn: msisdn };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
