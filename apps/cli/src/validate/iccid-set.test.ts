import { describe, expect, it } from "vitest";
import { IccidSet } from "./iccid-set.ts";

function randomIccid(random: () => number): string {
  const length = random() < 0.5 ? 19 : 20;
  const prefix = random() < 0.95 ? "89" : String(10 + Math.floor(random() * 79));
  let text = prefix;
  while (text.length < length) text += String(Math.floor(random() * 10));
  return text;
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("IccidSet", () => {
  it("agrees with a Set of strings on 60,000 random ICCIDs with repeats", () => {
    const random = seeded(42);
    const set = new IccidSet();
    const reference = new Map<string, boolean>();
    const pool: string[] = [];
    for (let index = 0; index < 60_000; index += 1) {
      const iccid =
        pool.length > 0 && random() < 0.1
          ? (pool[Math.floor(random() * pool.length)] as string)
          : randomIccid(random);
      pool.push(iccid);
      const flag = random() < 0.3;
      const expected = reference.get(iccid);
      if (expected === undefined) reference.set(iccid, flag);
      expect(set.addOrGet(iccid, flag)).toBe(expected);
    }
    expect(set.size).toBe(reference.size);
  });

  it("tells 19- and 20-digit ICCIDs apart even when their digits line up", () => {
    const set = new IccidSet();
    set.addOrGet("8901234567890123456", false);
    expect(set.has("89012345678901234560")).toBe(false);
    expect(set.has("89001234567890123456")).toBe(false);
    expect(set.has("8901234567890123456")).toBe(true);
  });

  it("packs only digits: an ICCID with spaces or signs is kept as it is, apart", () => {
    const set = new IccidSet();
    set.addOrGet("8900000000123456789", false);
    for (const lookalike of ["89 0000000123456789", "89+0000000123456789", "890000000012345678 "]) {
      expect(set.has(lookalike)).toBe(false);
      expect(set.addOrGet(lookalike, true)).toBeUndefined();
      expect(set.addOrGet(lookalike, false)).toBe(true);
    }
    expect(set.size).toBe(4);
  });

  it("keeps the flag of the first add", () => {
    const set = new IccidSet();
    expect(set.addOrGet("89860468000000000001", true)).toBeUndefined();
    expect(set.addOrGet("89860468000000000001", false)).toBe(true);
    expect(set.addOrGet("12345678901234567890", false)).toBeUndefined();
    expect(set.addOrGet("12345678901234567890", true)).toBe(false);
  });

  it("holds a million ICCIDs in 16 MiB", () => {
    const set = new IccidSet();
    for (let n = 0; n < 1_000_000; n += 1)
      set.addOrGet(`89860468${String(n).padStart(12, "0")}`, false);
    expect(set.size).toBe(1_000_000);
    expect(set.tableBytes).toBeLessThanOrEqual(16 * 1024 * 1024);
  });
});
