import type { Readable } from "node:stream";
import { InputError } from "../core/cli-error.ts";
import { ColumnMatcher } from "./column-matcher.ts";
import { type ColumnOptions, noColumnOptions } from "./column-options.ts";
import type { RawRecord } from "./raw-record.ts";
import { splitLines } from "./split-lines.ts";

const maxLineBytes = 1024 * 1024;

/**
 * Streams the records of a JSON-lines input: one object per line, blank lines skipped, keys
 * that `columnOptions` ignores dropped and those it renames read as their field. Malformed
 * JSON, a line that is not an object, an input without records and a column option that
 * matches no key of any record throw an {@link InputError} naming the line (never its text:
 * it may hold secrets).
 */
export async function* readJsonlRecords(
  stream: Readable,
  displayName: string,
  columnOptions: ColumnOptions = noColumnOptions,
): AsyncGenerator<RawRecord> {
  const keys = new KeyReader(columnOptions);
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
    yield { line, fields: keys.fieldsOf(value as Record<string, unknown>) };
  }
  if (records === 0)
    throw new InputError(`${displayName} is empty: expected JSON objects, one per line`);
  const unused = keys.unused();
  if (unused.length > 0) {
    const problems = unused.map((option) => `${option} matches no key of any record`);
    throw new InputError(`${displayName}: ${problems.join("; ")}`);
  }
}

// Beyond this many distinct keys, a key's reading is worked out each time rather than kept:
// a file whose keys never repeat must not grow the cache without bound.
const maxCachedKeys = 1024;

/**
 * Reads the keys of records like CSV headers (ignoring case, msisdn for msidn, the column
 * options), caching what each spelling is read as, since the same few keys come on every line.
 */
class KeyReader {
  readonly #matcher: ColumnMatcher;
  /** The field a key is read as; null: the key is ignored. */
  readonly #names = new Map<string, string | null>();

  constructor(options: ColumnOptions) {
    this.#matcher = new ColumnMatcher(options);
  }

  // Strings are trimmed as CSV cells are, so both formats accept the same records. A key given
  // twice in two spellings keeps the first; unknown keys stay for validation to report; the
  // values of ignored keys are dropped here, before anything reports or keeps a record.
  fieldsOf(value: Record<string, unknown>): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(value)) {
      const name = this.#nameOf(key);
      if (name === null) continue;
      if (name in fields) {
        fields[`${key} (repeats ${name})`] = raw;
        continue;
      }
      fields[name] = trimStrings(raw);
    }
    return fields;
  }

  unused(): string[] {
    return this.#matcher.unused();
  }

  #nameOf(key: string): string | null {
    const cached = this.#names.get(key);
    if (cached !== undefined) return cached;
    const match = this.#matcher.match(key);
    const name = match.kind === "field" ? match.field : match.kind === "ignored" ? null : key;
    if (this.#names.size < maxCachedKeys) this.#names.set(key, name);
    return name;
  }
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
