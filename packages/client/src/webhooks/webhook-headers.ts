// Reads webhook headers from a fetch `Headers` or a plain record such as node:http's
// `request.headers`, whatever the case of the names.
import { WebhookMalformedError } from "./webhook-errors.ts";

/** The headers of a received webhook: a `Headers` or a record (node:http, Express, …). */
export type WebhookHeaders =
  | Headers
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/** The value of header `name`, or null when absent or empty; a repeated header is refused. */
export function readHeader(headers: WebhookHeaders, name: string): string | null {
  if (typeof (headers as Headers).get === "function" && !isPlainRecord(headers)) {
    return nonEmpty((headers as Headers).get(name));
  }
  const wanted = name.toLowerCase();
  let found: string | readonly string[] | undefined;
  let matches = 0;
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    found = value as string | readonly string[];
    matches++;
  }
  // Two spellings of one name, or an array of values: which one was signed is unknowable.
  if (matches > 1) throw new WebhookMalformedError({ reason: "invalid-header", field: name });
  if (Array.isArray(found)) {
    if (found.length > 1)
      throw new WebhookMalformedError({ reason: "invalid-header", field: name });
    return nonEmpty(found[0]);
  }
  return nonEmpty(found as string | undefined);
}

function isPlainRecord(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function nonEmpty(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}
