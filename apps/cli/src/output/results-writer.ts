import { closeSync, existsSync, fsyncSync, ftruncateSync, writeSync } from "node:fs";
import { csvCell, csvRow } from "./csv-cell.ts";
import { GroupSync } from "./group-sync.ts";
import { createPrivateFile, reopenPrivateFile } from "./private-files.ts";

/** What happened to one record. */
export type ResultStatus = "success" | "failed" | "rejected" | "unknown";

/** One line of results.csv. */
export interface ResultRow {
  readonly iccid: string;
  readonly status: ResultStatus;
  readonly activationCode?: string | undefined;
  readonly acLink?: string | undefined;
  readonly errorReason?: string | undefined;
  /** The input line of the record, to join the row with the input file. */
  readonly line?: number | undefined;
}

/**
 * The header of results.csv. Rows come in the order batches complete, so each carries its
 * record's input line (empty where no input was read, as for `batch info --out`).
 */
export const resultsHeader = csvRow([
  "iccid",
  "status",
  "activationCode",
  "acLink",
  "errorReason",
  "line",
]);

/** The results.csv line of a row: what csvRow makes of its cells, without the arrays. */
function resultLine(row: ResultRow): string {
  return `${cell(row.iccid)},${cell(row.status)},${cell(row.activationCode ?? "")},${cell(row.acLink ?? "")},${cell(row.errorReason ?? "")},${cell(row.line === undefined ? "" : String(row.line))}\n`;
}

// A cell that starts with a letter or digit and holds no quote, comma or line break is one
// csvCell leaves as it is (it changes only cells starting with a formula character or
// needing quotes): one pattern test instead of two for nearly every cell (an ICCID, an
// activation code, a status, a line number).
const unchanged = /^[0-9A-Za-z][^",\r\n]*$/;

function cell(value: string): string {
  return value === "" || unchanged.test(value) ? value : csvCell(value);
}

/**
 * Appends rows to results.csv (mode 0600: it holds activation codes), a whole chunk per
 * write, and reports the file's length so the journal can record where each chunk's rows
 * end; `sync` flushes them to disk, shared by the chunks that complete together. A resumed
 * run cuts the file back to the last recorded length, so rows of a chunk whose completion
 * never reached the journal are written once, not twice.
 */
export class ResultsWriter {
  readonly #fd: number;
  readonly #group: GroupSync;
  #bytes: number;

  private constructor(fd: number, bytes: number) {
    this.#fd = fd;
    this.#group = new GroupSync(fd);
    this.#bytes = bytes;
  }

  /** Creates results.csv (it must not exist) and writes the header. */
  static create(path: string): ResultsWriter {
    const writer = new ResultsWriter(createPrivateFile(path), 0);
    writer.#write(resultsHeader);
    fsyncSync(writer.#fd);
    return writer;
  }

  /** Reopens results.csv for a resumed run, cut to `bytes` (undefined: just the header). */
  static reopen(path: string, bytes: number | undefined): ResultsWriter {
    // A run killed between creating the journal and results.csv has settled nothing yet.
    if (bytes === undefined && !existsSync(path)) return ResultsWriter.create(path);
    const fd = reopenPrivateFile(path, "update", { holdsSecrets: true });
    if (bytes === undefined) {
      ftruncateSync(fd, 0);
      const writer = new ResultsWriter(fd, 0);
      writer.#write(resultsHeader);
      fsyncSync(fd);
      return writer;
    }
    ftruncateSync(fd, bytes);
    fsyncSync(fd);
    return new ResultsWriter(fd, bytes);
  }

  /** Length of the file after the last append. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Appends rows in one write and returns the new length; {@link sync} puts them on disk. */
  append(rows: readonly ResultRow[]): number {
    let text = "";
    for (const row of rows) text += resultLine(row);
    this.#write(text);
    return this.#bytes;
  }

  /** Resolves once every row appended so far is on disk. */
  sync(): Promise<void> {
    return this.#group.sync();
  }

  close(): void {
    closeSync(this.#fd);
  }

  #write(text: string): void {
    const bytes = Buffer.from(text);
    let offset = 0;
    while (offset < bytes.length) {
      offset += writeSync(this.#fd, bytes, offset, bytes.length - offset, this.#bytes + offset);
    }
    this.#bytes += bytes.length;
  }
}
