import { UsageError } from "../core/cli-error.ts";
import { type ColumnOptions, columnKey } from "./column-options.ts";
import type { InputFormat } from "./raw-record.ts";
import { isShowableName } from "./safe-to-show.ts";
import { canonicalFieldName, missingRequiredFields, simFieldNames } from "./sim-fields.ts";

/** The field separators a CSV input may use: comma, semicolon (spreadsheet exports) or tab. */
export type CsvDelimiter = "," | ";" | "\t";

/** How a CSV input is laid out. */
export interface CsvLayout {
  readonly delimiter: CsvDelimiter;
  /**
   * The columns of a file without a header row: contract names, and the names of ignored
   * columns (see {@link ColumnOptions}); undefined: a header row.
   */
  readonly columns: readonly string[] | undefined;
  /** Columns dropped or read as another field; none when absent. */
  readonly columnOptions?: ColumnOptions | undefined;
}

/** How to read an input: its format and, for CSV, its layout. */
export type InputLayout =
  | {
      readonly format: Extract<InputFormat, "jsonl">;
      /** Keys dropped or read as another field; none when absent. */
      readonly columnOptions?: ColumnOptions | undefined;
    }
  | ({ readonly format: Extract<InputFormat, "csv"> } & CsvLayout);

const delimiters: readonly CsvDelimiter[] = [",", ";", "\t"];

/**
 * The delimiter of a CSV input, from its first line: the one of comma, semicolon and tab that
 * occurs most often outside quotes (a comma on a tie or when none does). The header row, or
 * the first record, holds at least the three required fields, so it has two delimiters.
 */
export function detectDelimiter(head: Uint8Array): CsvDelimiter {
  const text = new TextDecoder().decode(head).replace(/^\uFEFF/, "");
  const firstLine = text.replace(/^[\r\n]+/, "").split("\n", 1)[0] ?? "";
  const counts = new Map<CsvDelimiter, number>(delimiters.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char as CsvDelimiter)) {
      counts.set(char as CsvDelimiter, (counts.get(char as CsvDelimiter) ?? 0) + 1);
    }
  }
  let best: CsvDelimiter = ",";
  for (const delimiter of delimiters) {
    if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
  }
  return best;
}

/**
 * The columns named by `--columns` (e.g. `iccid,imsi,ki,opc`) as contract names, or a
 * {@link UsageError} naming what is wrong: an unknown or repeated name, a missing required one.
 * A column that `ignored` (`--ignore-columns`) names keeps its name as given: it is dropped on
 * reading.
 */
export function parseColumnList(text: string, ignored: readonly string[] = []): string[] {
  const columns: string[] = [];
  const problems: string[] = [];
  const ignoredKeys = new Set(ignored.map(columnKey));
  text.split(",").forEach((given, index) => {
    if (ignoredKeys.has(columnKey(given))) {
      columns.push(given.trim());
      return;
    }
    const name = canonicalFieldName(given);
    if (name === undefined) {
      problems.push(
        isShowableName(given.trim())
          ? `unknown column "${given.trim()}"`
          : `column ${index + 1} is not a field name`,
      );
    } else if (columns.includes(name)) {
      problems.push(`${name} is named twice`);
    } else {
      columns.push(name);
    }
  });
  const missing = missingRequiredFields(columns);
  if (missing.length > 0) problems.push(`missing ${missing.join(", ")}`);
  if (problems.length > 0) {
    throw new UsageError(
      `--columns: ${problems.join("; ")}. Known columns: ${simFieldNames.join(", ")}; a column to drop is named in --ignore-columns too`,
    );
  }
  return columns;
}
