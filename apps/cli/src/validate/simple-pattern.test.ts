import { cmpSchemas, eimSchemas, rspSchemas } from "@simlessly/contract";
import { describe, expect, it } from "vitest";
import { simplePatternTest } from "./simple-pattern.ts";

// A seeded generator, so that a failure comes back the same on every run.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Characters around the edges of the classes the contract uses, and beyond ASCII.
const alphabet = [..."0189:/@AFGZ[`afgz{_-. \n\t\u00e9\u0660\uff10", "\ud83d\ude00", "\ud83d"];

function samples(pattern: RegExp, count: number): string[] {
  const next = random(pattern.source.length * 7919);
  const sizes = /\{([0-9]+)(?:,([0-9]+))?\}/.exec(pattern.source);
  const min = Number(sizes?.[1] ?? 0);
  const max = Number(sizes?.[2] ?? min);
  const members = [...alphabet].filter((char) => pattern.test(char.repeat(Math.max(min, 1))));
  const strings: string[] = [];
  const pick = (pool: readonly string[]) => pool[Math.floor(next() * pool.length)] as string;
  for (let index = 0; index < count; index += 1) {
    // Lengths around the bounds; half the strings members only (most of them match), half
    // with one character from anywhere.
    const length = Math.max(0, min - 1 + Math.floor(next() * (Math.min(max, min + 3) - min + 3)));
    const chars = Array.from({ length }, () => pick(members.length > 0 ? members : alphabet));
    if (length > 0 && next() < 0.5) chars[Math.floor(next() * length)] = pick(alphabet);
    strings.push(chars.join(""));
  }
  return strings;
}

// Every pattern of the contract's string schemas.
function contractPatterns(): RegExp[] {
  const patterns = new Set<RegExp>();
  for (const schemas of [rspSchemas, eimSchemas, cmpSchemas]) {
    for (const schema of Object.values(schemas) as { _zod?: { def?: { checks?: unknown[] } } }[]) {
      for (const check of schema._zod?.def?.checks ?? []) {
        const pattern = (check as { _zod: { def: { pattern?: unknown } } })._zod.def.pattern;
        if (pattern instanceof RegExp) patterns.add(pattern);
      }
    }
  }
  return [...patterns];
}

describe("simplePatternTest", () => {
  it("answers as RegExp.test does for every pattern of the contract it takes", () => {
    const patterns = contractPatterns();
    const taken = patterns.filter((pattern) => simplePatternTest(pattern) !== undefined);
    expect(taken.map((pattern) => pattern.source)).toEqual(
      expect.arrayContaining(["^[0-9]{19,20}$", "^[0-9]{15}$", "^[0-9A-Fa-f]{32}$"]),
    );
    for (const pattern of taken) {
      const test = simplePatternTest(pattern) as (value: string) => boolean;
      for (const sample of samples(pattern, 400)) {
        expect([pattern.source, sample, test(sample)]).toEqual([
          pattern.source,
          sample,
          pattern.test(sample),
        ]);
      }
    }
  });

  it("answers as RegExp.test does with and without the u flag", () => {
    for (const source of ["^[0-9A-Fa-f]{2,4}$", "^[a-c_x]{1}$", "^[0-9]{0,2}$"]) {
      for (const flags of ["", "u"]) {
        const pattern = new RegExp(source, flags);
        const test = simplePatternTest(pattern) as (value: string) => boolean;
        for (const sample of samples(pattern, 400)) expect(test(sample)).toBe(pattern.test(sample));
      }
    }
  });

  it("leaves any other pattern to RegExp", () => {
    for (const pattern of [
      /^[0-9]+$/,
      /^[^0-9]{3}$/,
      /^[0-z]{3}$/,
      /^[a-]{3}$/,
      /^[\d]{3}$/,
      /[0-9]{3}$/,
      /^[0-9]{3}/,
      /^[0-9]{3}$/i,
      /^[0-9]{3}$/m,
      /^(?:[0-9]{3})$/,
    ]) {
      expect([pattern, simplePatternTest(pattern)]).toEqual([pattern, undefined]);
    }
  });
});
