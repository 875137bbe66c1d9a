// Tells a connection that was refused before anything was sent (safe to retry whatever the
// operation) from one that broke after the request may have been written (not safe for a call
// that changes state). Only codes that prove the former count; anything unrecognized is
// treated as "may have been sent", including every browser network error, which carries no code.

/** System error codes that mean no byte of the request left this machine. */
const notSentCodes: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "EAI_FAIL",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "EADDRNOTAVAIL",
]);

/** How a network error bears on whether the request was sent. */
export interface NetworkFailure {
  readonly sent: boolean;
  /** The system error code found in the error or its causes, or null. */
  readonly systemCode: string | null;
}

function codesOf(error: unknown, depth = 0): string[] {
  if (typeof error !== "object" || error === null || depth > 4) return [];
  const codes: string[] = [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string") codes.push(code);
  codes.push(...codesOf(cause, depth + 1));
  // Node's happy-eyeballs connect reports one error per address in an AggregateError.
  if (Array.isArray(errors)) for (const inner of errors) codes.push(...codesOf(inner, depth + 1));
  return codes;
}

/** Classifies an error thrown by `fetch`. */
export function classifyNetworkError(error: unknown): NetworkFailure {
  const codes = codesOf(error);
  const systemCodes = codes.filter((code) => /^E[A-Z_]+$/.test(code));
  const systemCode = systemCodes[0] ?? codes[0] ?? null;
  const sent = systemCodes.length === 0 || !systemCodes.every((code) => notSentCodes.has(code));
  return { sent, systemCode };
}
