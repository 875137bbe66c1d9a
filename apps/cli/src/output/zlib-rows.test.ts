import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ZlibRowsWriter, zlibRowsBound } from "./zlib-rows.ts";

function randomRows(seed: number, rowLength: number, count: number): Uint8Array[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    return state >>> 16;
  };
  const rows: Uint8Array[] = [];
  for (let index = 0; index < count; index += 1) {
    const row = new Uint8Array(rowLength);
    // Runs of every length, of 0x00 and 0xFF as in images and of any byte.
    for (let at = 0; at < rowLength; ) {
      const run = 1 + (next() % 12);
      const byte = next() % 3 === 0 ? next() & 0xff : next() % 2 === 0 ? 0 : 0xff;
      row.fill(byte, at, at + run);
      at += run;
    }
    // Some rows repeat the one before, as quiet zones do.
    rows.push(index > 0 && next() % 4 === 0 ? (rows[index - 1] as Uint8Array) : row);
  }
  return rows;
}

describe("ZlibRowsWriter", () => {
  it.each([
    [3, 1],
    [46, 8],
    [50, 300],
    [186, 8],
    [257, 3],
    [259, 5],
  ])(
    "round-trips rows of %i bytes, each written %i times, through zlib's inflate",
    (rowLength, times) => {
      for (let seed = 1; seed <= 20; seed += 1) {
        const rows = randomRows(seed, rowLength, 40);
        const out = new Uint8Array(3 + zlibRowsBound(rowLength, rows.length, times));
        const writer = new ZlibRowsWriter(out, 3, rowLength);
        for (const row of rows) writer.add(row, times);
        const end = writer.finish();
        expect(end).toBeLessThanOrEqual(out.length);
        const expected = Buffer.concat(rows.flatMap((row) => Array(times).fill(row)));
        // inflateSync checks the Adler-32 too.
        expect(inflateSync(out.subarray(3, end)).equals(expected)).toBe(true);
      }
    },
  );
});
