import { closeSync, writeSync } from "node:fs";
import type { InvalidRecord } from "../validate/field-issue.ts";
import { csvRow } from "./csv-cell.ts";
import { replacePrivateFile } from "./private-files.ts";

/**
 * Writes rejected.csv: one row per problem of each invalid record (line, iccid, field,
 * reason). It holds no value that could be a secret (a well-formed ICCID, and in reasons only
 * values shaped like their own non-secret field), so it is safe to share; it is still created
 * 0600 like everything in the output folder, anew on each pass that writes it.
 */
export class RejectedWriter {
  readonly #fd: number;
  #rows = 0;

  constructor(path: string) {
    this.#fd = replacePrivateFile(path);
    this.#write(csvRow(["line", "iccid", "field", "reason"]));
  }

  /** Number of records written. */
  get records(): number {
    return this.#rows;
  }

  add(record: InvalidRecord): void {
    this.#rows += 1;
    this.#write(
      record.issues
        .map((issue) =>
          csvRow([String(record.line), record.iccid ?? "", issue.field, issue.reason]),
        )
        .join(""),
    );
  }

  close(): void {
    closeSync(this.#fd);
  }

  #write(text: string): void {
    const bytes = Buffer.from(text);
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.#fd, bytes, offset);
  }
}
