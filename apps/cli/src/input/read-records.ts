import type { Readable } from "node:stream";
import { inBatches } from "./batches.ts";
import type { InputLayout } from "./input-layout.ts";
import type { RawRecord } from "./raw-record.ts";
import { readCsvRecordBatches, readCsvRecords } from "./read-csv-records.ts";
import { readJsonlRecords } from "./read-jsonl-records.ts";

/** Streams the records of an input laid out as `layout` says. */
export function readRecords(
  stream: Readable,
  layout: InputLayout,
  displayName: string,
): AsyncGenerator<RawRecord> {
  return layout.format === "csv"
    ? readCsvRecords(stream, displayName, layout)
    : readJsonlRecords(stream, displayName, layout.columnOptions);
}

// JSON lines come one at a time from their reader; this many make a batch.
const jsonlBatchSize = 512;

/**
 * {@link readRecords} in arrays (see batches.ts), for the passes over a whole input: the
 * same records in the same order, the same errors after the records before them.
 */
export function readRecordBatches(
  stream: Readable,
  layout: InputLayout,
  displayName: string,
): AsyncGenerator<RawRecord[]> {
  return layout.format === "csv"
    ? readCsvRecordBatches(stream, displayName, layout)
    : inBatches(readJsonlRecords(stream, displayName, layout.columnOptions), jsonlBatchSize);
}
