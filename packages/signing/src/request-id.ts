const dashedUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const plainUuid = /^[0-9a-f]{32}$/i;

/** Returns a fresh UUID v4 with dashes from the platform's `crypto.randomUUID`. */
export function randomRequestId(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * Returns the canonical form (lower case, dashed) of a received request id, or `undefined`
 * when it is neither a dashed UUID nor 32 hex digits (the form in the RSP demo).
 *
 * Replay checks use the canonical form so one id cannot be replayed by re-spelling it.
 */
export function canonicalRequestId(value: string): string | undefined {
  if (dashedUuid.test(value)) return value.toLowerCase();
  if (!plainUuid.test(value)) return undefined;
  const hex = value.toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
