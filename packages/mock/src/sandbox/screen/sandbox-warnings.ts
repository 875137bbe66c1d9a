// What the sandbox tells a client about a request it accepted but doubts: a form the docs do
// not show, which the platform may or may not take the same way. A warning names the field
// and what the sandbox did, never a value (the value may be a Ki, a PIN or an activation code).

/** The response header that carries the warnings of a request. */
export const warningHeaderName = "x-sandbox-warning";

/** One doubtful form of a request. */
export interface SandboxWarning {
  /** The field, with `[]` for every element of an array: `metaDatas[].msisdn`. */
  readonly field: string;
  /** How many places of the body it applies to (records of a batch, for instance). */
  readonly count: number;
  /** What the sandbox did with it and why; static text, never a request value. */
  readonly message: string;
}

/** The warnings as one header value: `field (N times): message; …`, ASCII only. */
export function formatWarnings(warnings: readonly SandboxWarning[]): string {
  return warnings
    .map(
      ({ field, count, message }) => `${field}${count > 1 ? ` (${count} times)` : ""}: ${message}`,
    )
    .join("; ");
}
