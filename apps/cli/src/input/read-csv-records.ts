import type { Readable } from "node:stream";
import { InputError, UsageError } from "../core/cli-error.ts";
import { oneByOne } from "./batches.ts";
import { ColumnMatcher, columnOptionsHint } from "./column-matcher.ts";
import { noColumnOptions, shownColumn } from "./column-options.ts";
import { CsvSyntaxError, csvRows } from "./csv-rows.ts";
import type { CsvLayout } from "./input-layout.ts";
import type { RawRecord } from "./raw-record.ts";
import { isShowableName, looksLikeValue } from "./safe-to-show.ts";
import { missingRequiredFields, simFieldNames, splitImpuCell } from "./sim-fields.ts";

const exampleColumns = "iccid,imsi,ki,opc";

// A record longer than this is a broken quote, not SIM data; without a cap an unclosed quote
// near the start would make the parser buffer the whole file.
const maxRecordBytes = 1024 * 1024;

/**
 * Streams the records of a CSV input: with a header row, or without one when the layout
 * names the columns. Header problems (unknown, missing, repeated or unnamed columns, a first
 * row that is a record, a column option that matches no column), an input without records and
 * malformed CSV throw an {@link InputError} that names the line; cell values never appear in
 * messages. The cells of ignored columns are dropped unread.
 */
export function readCsvRecords(
  stream: Readable,
  displayName: string,
  layout: CsvLayout,
): AsyncGenerator<RawRecord> {
  return oneByOne(readCsvRecordBatches(stream, displayName, layout));
}

/**
 * {@link readCsvRecords} a piece of the stream at a time (see batches.ts): each array holds
 * the records that end in one piece, in order. The records before a problem come out before
 * its error, as they do one at a time.
 */
export async function* readCsvRecordBatches(
  stream: Readable,
  displayName: string,
  layout: CsvLayout,
): AsyncGenerator<RawRecord[]> {
  // The field each column is read as (undefined: ignored), resolved once from the header row
  // or --columns; each record then costs one array look-up a cell.
  let columns: readonly (string | undefined)[] | undefined;
  const matcher = new ColumnMatcher(layout.columnOptions ?? noColumnOptions);
  let records = 0;
  let batch: RawRecord[] = [];
  const takeAll = () => {
    const full = batch;
    batch = [];
    return full;
  };
  try {
    for await (const rows of csvRows(stream, layout.delimiter, maxRecordBytes)) {
      for (const { cells, line } of rows) {
        if (columns === undefined) {
          if (layout.columns === undefined) {
            columns = readHeader(cells, line, displayName, matcher);
            continue;
          }
          columns = readColumnList(layout.columns, matcher);
          if (cells.every((cell) => matcher.match(cell).kind !== "unknown")) {
            throw new InputError(
              `${displayName} line ${line} is a header row, but --columns says the file has none; leave out --columns`,
            );
          }
        }
        if (cells.length !== columns.length) {
          const expected = layout.columns === undefined ? "the header has" : "--columns names";
          throw new InputError(
            `${displayName} line ${line}: ${cells.length} fields, but ${expected} ${columns.length}`,
          );
        }
        const fields: Record<string, unknown> = {};
        for (let index = 0; index < columns.length; index += 1) {
          const name = columns[index];
          if (name === undefined) continue;
          const cell = cells[index] as string;
          if (cell === "") continue;
          fields[name] = name === "impu" ? splitImpuCell(cell) : cell;
        }
        records += 1;
        batch.push({ line, fields });
      }
      if (batch.length > 0) yield takeAll();
    }
  } catch (error) {
    if (batch.length > 0) yield takeAll();
    if (error instanceof CsvSyntaxError) throw describeCsvError(error, displayName);
    throw error;
  } finally {
    // The descriptor stays open (autoClose is off): the next pass reads it again.
    stream.destroy();
  }
  if (columns === undefined) {
    const expected = layout.columns === undefined ? "a header row and records" : "records";
    throw new InputError(`${displayName} is empty: expected ${expected}`);
  }
  if (records === 0) throw new InputError(`${displayName} has a header row but no records`);
}

// A header never holds a cell of digits: a first row that does is a record of a file
// without a header row, and its cells may be Ki and OPc. It is reported without them.
function readHeader(
  cells: readonly string[],
  line: number,
  displayName: string,
  matcher: ColumnMatcher,
): (string | undefined)[] {
  const matches = cells.map((cell) => (cell === "" ? undefined : matcher.match(cell)));
  const unknown = cells.filter((_, index) => matches[index]?.kind === "unknown");
  if (unknown.some(looksLikeValue)) {
    throw new InputError(
      `${displayName} line ${line}: expected a header row, but this row holds values (not shown); add a header row naming the columns, e.g. ${exampleColumns}, or name them with --columns ${exampleColumns}`,
    );
  }
  const columns: (string | undefined)[] = [];
  const fields: string[] = [];
  const problems: string[] = [];
  cells.forEach((cell, index) => {
    const position = `column ${index + 1}`;
    const match = matches[index];
    columns.push(match?.kind === "field" ? match.field : undefined);
    if (match === undefined) {
      problems.push(`${position} has no name`);
    } else if (match.kind === "unknown") {
      problems.push(
        isShowableName(cell)
          ? `unknown column "${cell}" (${position})`
          : `unknown column (${position}; its name is not shown, it reads like a value)`,
      );
    } else if (match.kind === "field") {
      if (fields.includes(match.field)) {
        problems.push(`column ${shownColumn(cell)} (${position}) repeats ${match.field}`);
      }
      fields.push(match.field);
    }
  });
  for (const option of matcher.unused()) problems.push(`${option} matches no column`);
  const missing = missingRequiredFields(fields);
  if (missing.length > 0)
    problems.push(`missing column${missing.length === 1 ? "" : "s"} ${missing.join(", ")}`);
  if (problems.length > 0) {
    const hint = unknown.length > 0 ? `; ${columnOptionsHint}` : "";
    throw new InputError(
      `${displayName} line ${line} (header): ${problems.join("; ")}. Known columns: ${simFieldNames.join(", ")} (msisdn is read as msidn)${hint}`,
    );
  }
  return columns;
}

// The columns --columns names, as the header's are read; an ignore option that names none of
// them is a typo. --columns itself was checked when the command line was read.
function readColumnList(names: readonly string[], matcher: ColumnMatcher): (string | undefined)[] {
  const columns = names.map((name) => {
    const match = matcher.match(name);
    return match.kind === "field" ? match.field : undefined;
  });
  const unused = matcher.unused().map((option) => `${option} matches no column of --columns`);
  if (unused.length > 0) throw new UsageError(unused.join("; "));
  return columns;
}

// Built from the problem and the line only: a message never quotes the text, which may hold
// Ki or OPc.
function describeCsvError(error: CsvSyntaxError, displayName: string): InputError {
  const at = `${displayName} line ${error.line}`;
  switch (error.problem) {
    case "unclosed-quote":
      return new InputError(
        `${displayName}: a quote opened after line ${error.lastGoodLine} is never closed`,
      );
    case "character-after-closing-quote":
      return new InputError(
        `${at}: unexpected character after a closing quote (a quote inside a quoted field must be doubled: "")`,
      );
    case "quote-in-unquoted-field":
      return new InputError(
        `${at}: a quote inside an unquoted field (quote the whole field and double the quote)`,
      );
    case "record-too-long":
      return new InputError(
        `${at}: a record longer than ${maxRecordBytes} bytes (probably an unclosed quote)`,
      );
  }
}
