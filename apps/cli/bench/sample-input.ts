// Sample inputs for the benchmarks: valid CSVs of N records (test/sample-records.ts), written
// once to the temp folder and reused, since writing a million records takes a while.
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeSampleCsv } from "../test/sample-records.ts";

/** The path of a CSV of `records` sample records, written if it is not there yet. */
export function sampleCsv(records: number): string {
  const path = join(tmpdir(), `simlessly-bench-${records}.csv`);
  if (!existsSync(path)) writeSampleCsv(path, records);
  return path;
}
