/**
 * Received headers: a Fetch `Headers` or a plain record such as node:http's
 * `IncomingHttpHeaders`. Names are matched case-insensitively either way.
 */
export type HeaderSource =
  | Headers
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Reads one header case-insensitively: its value, `undefined` when absent or empty, or an
 * array when a record repeats it (which a verifier must treat as malformed).
 */
export function readHeader(
  headers: HeaderSource,
  name: string,
): string | readonly string[] | undefined {
  if (isFetchHeaders(headers)) return headers.get(name) || undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    if (typeof value === "string") return value || undefined;
    return value.length === 1 ? value[0] || undefined : value;
  }
  return undefined;
}

function isFetchHeaders(headers: HeaderSource): headers is Headers {
  // Duck-typed, so Headers from another realm or polyfill also count; a record's values are
  // strings or arrays, never functions.
  return typeof (headers as { get?: unknown }).get === "function";
}
