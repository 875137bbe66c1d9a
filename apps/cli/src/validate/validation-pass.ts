import type { RawRecord } from "../input/raw-record.ts";
import { DuplicateIccids } from "./duplicate-iccids.ts";
import type { InvalidRecord } from "./field-issue.ts";
import { IccidSet } from "./iccid-set.ts";
import { simplePatternTest } from "./simple-pattern.ts";
import { type SimRecord, validateRecord } from "./validate-record.ts";

/** What the first pass learns about an input without keeping its records. */
export interface ValidationStats {
  readonly records: number;
  /** Records that would not be sent: contract violations and repeated ICCIDs. */
  readonly invalidRecords: number;
  readonly validRecords: number;
  readonly duplicates: DuplicateIccids;
  /** How many records have an issue in each field (for the summary). */
  readonly issuesByField: Readonly<Record<string, number>>;
}

const wellFormedIccid = /^[0-9]{19,20}$/;
// The same test without RegExp's overhead (see simple-pattern.ts): it runs for every record.
const isWellFormedIccid =
  simplePatternTest(wellFormedIccid) ?? ((text: string) => wellFormedIccid.test(text));

/**
 * First pass: checks every record and finds repeated ICCIDs, keeping only counts and a
 * compact ICCID set, so memory does not grow with the records' other fields. Takes the
 * records in batches (see input/batches.ts).
 */
export async function runValidationPass(
  batches: AsyncIterable<readonly RawRecord[]>,
): Promise<ValidationStats> {
  const seen = new IccidSet();
  const duplicates = new DuplicateIccids();
  const issuesByField: Record<string, number> = {};
  let total = 0;
  let withIssues = 0;
  let repeatedOnly = 0;
  for await (const batch of batches) {
    for (const raw of batch) {
      total += 1;
      const check = validateRecord(raw);
      if (!check.ok) {
        withIssues += 1;
        for (const field of new Set(check.issues.map((issue) => issue.field))) {
          issuesByField[field] = (issuesByField[field] ?? 0) + 1;
        }
      }
      const iccid = wellFormedIccidOf(raw);
      if (iccid === undefined) continue;
      const firstHadIssues = seen.addOrGet(iccid, !check.ok);
      if (firstHadIssues === undefined) continue;
      // A repeat: it is invalid, and so is the first occurrence, counted when first repeated.
      const firstRepeat = !duplicates.isRepeated(iccid);
      duplicates.noteRepeat(iccid, raw.line);
      issuesByField.iccid = (issuesByField.iccid ?? 0) + (firstRepeat ? 2 : 1);
      if (check.ok) repeatedOnly += 1;
      if (firstRepeat && !firstHadIssues) repeatedOnly += 1;
    }
  }
  const invalidRecords = withIssues + repeatedOnly;
  return {
    records: total,
    invalidRecords,
    validRecords: total - invalidRecords,
    duplicates,
    issuesByField,
  };
}

/** A record of the second pass: ready to send, or invalid with its issues. */
export type ClassifiedRecord =
  | { readonly valid: true; readonly line: number; readonly record: SimRecord }
  | { readonly valid: false; readonly invalid: InvalidRecord };

/**
 * Second pass: the same checks plus the repeated ICCIDs found by the first, record by record
 * in input order, for the report, rejected.csv and the chunks to send.
 */
export async function* classifyRecords(
  records: AsyncIterable<RawRecord>,
  duplicates: DuplicateIccids,
): AsyncGenerator<ClassifiedRecord> {
  for await (const raw of records) yield classifyRecord(raw, duplicates);
}

/** {@link classifyRecords} a batch at a time (see input/batches.ts). */
export async function* classifyRecordBatches(
  batches: AsyncIterable<readonly RawRecord[]>,
  duplicates: DuplicateIccids,
): AsyncGenerator<ClassifiedRecord[]> {
  for await (const batch of batches) yield batch.map((raw) => classifyRecord(raw, duplicates));
}

function classifyRecord(raw: RawRecord, duplicates: DuplicateIccids): ClassifiedRecord {
  const check = validateRecord(raw);
  const iccid = wellFormedIccidOf(raw);
  const repeated = iccid === undefined ? undefined : duplicates.issueFor(iccid, raw.line);
  if (check.ok && repeated === undefined)
    return { valid: true, line: raw.line, record: check.record };
  const issues = [...(repeated === undefined ? [] : [repeated]), ...(check.ok ? [] : check.issues)];
  return { valid: false, invalid: { line: raw.line, iccid, issues } };
}

// Only a well-formed ICCID names a record in reports and rejected.csv: in a file whose columns
// are not what its header says, the iccid column may hold a Ki.
function wellFormedIccidOf(raw: RawRecord): string | undefined {
  const { iccid } = raw.fields;
  return typeof iccid === "string" && isWellFormedIccid(iccid) ? iccid : undefined;
}
