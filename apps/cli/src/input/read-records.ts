import type { Readable } from "node:stream";
import type { InputLayout } from "./input-layout.ts";
import type { RawRecord } from "./raw-record.ts";
import { readCsvRecords } from "./read-csv-records.ts";
import { readJsonlRecords } from "./read-jsonl-records.ts";

/** Streams the records of an input laid out as `layout` says. */
export function readRecords(
  stream: Readable,
  layout: InputLayout,
  displayName: string,
): AsyncGenerator<RawRecord> {
  return layout.format === "csv"
    ? readCsvRecords(stream, displayName, layout)
    : readJsonlRecords(stream, displayName);
}
