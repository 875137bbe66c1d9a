import { createHash } from "node:crypto";
import { appendFileSync, writeFileSync } from "node:fs";

/** A valid SIM record in input form (strings only), numbered `n`. */
export interface SampleRecord {
  iccid: string;
  imsi: string;
  ki: string;
  opc: string;
  [field: string]: string;
}

function hex(seed: string): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, 32).toUpperCase();
}

/** The `n`th sample record: a 20-digit ICCID, a 15-digit IMSI, Ki and OPc derived from `n`. */
export function sampleRecord(n: number): SampleRecord {
  return {
    iccid: `89860468${String(n).padStart(12, "0")}`,
    imsi: `460048${String(n).padStart(9, "0")}`,
    ki: hex(`ki-${n}`),
    opc: hex(`opc-${n}`),
  };
}

/** `count` sample records numbered from `first`. */
export function sampleRecords(count: number, first = 1): SampleRecord[] {
  return Array.from({ length: count }, (_, index) => sampleRecord(first + index));
}

/** CSV text with a header of the records' fields. */
export function toCsv(
  records: readonly Record<string, string>[],
  columns?: readonly string[],
): string {
  const header = columns ?? Object.keys(records[0] ?? { iccid: "", imsi: "", ki: "" });
  const lines = [
    header.join(","),
    ...records.map((record) => header.map((name) => record[name] ?? "").join(",")),
  ];
  return `${lines.join("\n")}\n`;
}

/** JSON-lines text of the records. */
export function toJsonl(records: readonly object[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join("");
}

/** Writes `count` sample records numbered from `from` as CSV to `path`, 10,000 lines at a time. */
export function writeSampleCsv(path: string, count: number, from = 1): void {
  writeFileSync(path, "iccid,imsi,ki,opc\n");
  const end = from + count;
  for (let first = from; first < end; first += 10_000) {
    const lines: string[] = [];
    for (let n = first; n < Math.min(first + 10_000, end); n += 1) {
      const record = sampleRecord(n);
      lines.push(`${record.iccid},${record.imsi},${record.ki},${record.opc}\n`);
    }
    appendFileSync(path, lines.join(""));
  }
}
