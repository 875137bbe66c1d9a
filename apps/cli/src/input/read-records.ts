import type { Readable } from "node:stream";
import type { InputFormat, RawRecord } from "./raw-record.ts";
import { readCsvRecords } from "./read-csv-records.ts";
import { readJsonlRecords } from "./read-jsonl-records.ts";

/** Streams the records of an input in the given format. */
export function readRecords(
  stream: Readable,
  format: InputFormat,
  displayName: string,
): AsyncGenerator<RawRecord> {
  return format === "csv"
    ? readCsvRecords(stream, displayName)
    : readJsonlRecords(stream, displayName);
}
