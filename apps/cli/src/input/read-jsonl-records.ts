import type { Readable } from "node:stream";
import { InputError } from "../cli/cli-error.ts";
import type { RawRecord } from "./raw-record.ts";
import { canonicalFieldName } from "./sim-fields.ts";
import { splitLines } from "./split-lines.ts";

const maxLineBytes = 1024 * 1024;

/**
 * Streams the records of a JSON-lines input: one object per line, blank lines skipped.
 * Malformed JSON, a line that is not an object, and an input without records throw an
 * {@link InputError} naming the line (never its text: it may hold secrets).
 */
export async function* readJsonlRecords(
  stream: Readable,
  displayName: string,
): AsyncGenerator<RawRecord> {
  let line = 0;
  let records = 0;
  const lines = splitLines(
    stream,
    maxLineBytes,
    (number) => new InputError(`${displayName} line ${number}: longer than ${maxLineBytes} bytes`),
  );
  for await (const { text } of lines) {
    line += 1;
    const content = line === 1 ? text.replace(/^\uFEFF/, "") : text;
    if (content.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      throw new InputError(`${displayName} line ${line}: not valid JSON${jsonErrorColumn(error)}`);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new InputError(`${displayName} line ${line}: expected a JSON object`);
    }
    records += 1;
    yield { line, fields: canonicalizeKeys(value as Record<string, unknown>) };
  }
  if (records === 0)
    throw new InputError(`${displayName} is empty: expected JSON objects, one per line`);
}

// Keys are matched like CSV headers (ignoring case, msisdn for msidn) and strings are trimmed
// as CSV cells are, so both formats accept the same records. A key given twice in two
// spellings keeps the first; unknown keys stay for validation to report.
function canonicalizeKeys(value: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    const name = canonicalFieldName(key) ?? key;
    if (name in fields) {
      fields[`${key} (repeats ${name})`] = raw;
      continue;
    }
    fields[name] = trimStrings(raw);
  }
  return fields;
}

function trimStrings(value: unknown): unknown {
  if (typeof value === "string") return value.trim();
  if (Array.isArray(value))
    return value.map((item) => (typeof item === "string" ? item.trim() : item));
  return value;
}

// V8 messages quote the text around the error; keep only the position they report.
function jsonErrorColumn(error: unknown): string {
  const match = error instanceof Error ? /position (\d+)/.exec(error.message) : null;
  return match === null ? "" : ` (at column ${Number(match[1]) + 1})`;
}
