import { describe, expect, it } from "vitest";
import type { RawRecord } from "../input/raw-record.ts";
import { classifyRecordBatches, classifyRecords, runValidationPass } from "./validation-pass.ts";

const ki = "6BE2053E8580B135CD43443380DB7111";

function record(line: number, iccid: string, extra: Record<string, unknown> = {}): RawRecord {
  return { line, fields: { iccid, imsi: "460048867619618", ki, ...extra } };
}

async function* from(records: readonly RawRecord[]) {
  yield* records;
}

// Batches of two, so that a batch boundary falls between most repeats.
async function* inTwos(records: readonly RawRecord[]) {
  for (let start = 0; start < records.length; start += 2) yield records.slice(start, start + 2);
}

async function bothPasses(records: readonly RawRecord[]) {
  const stats = await runValidationPass(inTwos(records));
  const classified = [];
  for await (const item of classifyRecords(from(records), stats.duplicates)) classified.push(item);
  // The batched second pass says the same, record for record (a fresh first pass: the
  // second pass notes first occurrences as it meets them).
  const again = await runValidationPass(inTwos(records));
  const batched = [];
  for await (const batch of classifyRecordBatches(inTwos(records), again.duplicates))
    batched.push(...batch);
  expect(batched).toEqual(classified);
  return { stats, classified };
}

describe("validation passes", () => {
  it("count valid and invalid records", async () => {
    const { stats } = await bothPasses([
      record(2, "89860468000000000001"),
      record(3, "89860468000000000002", { ki: "bad" }),
      record(4, "89860468000000000003"),
    ]);
    expect(stats).toMatchObject({
      records: 3,
      validRecords: 2,
      invalidRecords: 1,
      issuesByField: { ki: 1 },
    });
  });

  it("make every record of a repeated ICCID invalid and name all its lines", async () => {
    const { stats, classified } = await bothPasses([
      record(2, "89860468000000000001"),
      record(3, "89860468000000000002"),
      record(4, "89860468000000000001"),
      record(5, "89860468000000000001", { ki: "bad" }),
      record(6, "89860468000000000003"),
    ]);
    expect(stats).toMatchObject({ records: 5, validRecords: 2, invalidRecords: 3 });
    const invalid = classified
      .filter((item) => !item.valid)
      .map((item) => (item.valid ? null : item.invalid));
    expect(invalid.map((item) => item?.line)).toEqual([2, 4, 5]);
    expect(invalid[0]?.issues[0]).toEqual({
      field: "iccid",
      reason: "89860468000000000001 occurs 3 times in the input (also on lines 4, 5)",
    });
    expect(invalid[1]?.issues[0]?.reason).toContain("(also on lines 2, 5)");
    expect(invalid[2]?.issues.map((issue) => issue.field)).toEqual(["iccid", "ki"]);
    expect(classified.filter((item) => item.valid).map((item) => item.valid && item.line)).toEqual([
      3, 6,
    ]);
  });

  it("count a repeat whose first occurrence was already invalid once", async () => {
    const { stats } = await bothPasses([
      record(2, "89860468000000000001", { ki: "bad" }),
      record(3, "89860468000000000001"),
    ]);
    expect(stats).toMatchObject({ validRecords: 0, invalidRecords: 2 });
  });

  it("handle ICCIDs outside the 89 range", async () => {
    const { stats } = await bothPasses([
      record(2, "1234567890123456789"),
      record(3, "1234567890123456789"),
    ]);
    expect(stats).toMatchObject({ validRecords: 0, invalidRecords: 2 });
  });
});
