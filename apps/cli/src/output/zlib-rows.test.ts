import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ZlibRowsWriter, zlibRowsBound } from "./zlib-rows.ts";

/** Rows as the writer takes them (a bit a byte, 1 = 0xFF), with runs of every length. */
function randomRows(seed: number, rowLength: number, count: number): Uint8Array[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    return state >>> 16;
  };
  const rows: Uint8Array[] = [];
  for (let index = 0; index < count; index += 1) {
    const row = new Uint8Array(Math.ceil(rowLength / 8));
    for (let at = 0; at < rowLength; ) {
      const run = 1 + (next() % 12);
      if (next() % 2 === 0) {
        for (let bit = at; bit < Math.min(at + run, rowLength); bit += 1) {
          row[bit >>> 3] = (row[bit >>> 3] as number) | (0x80 >>> (bit & 7));
        }
      }
      at += run;
    }
    // Bits past the row's end say nothing: set some, which must change nothing.
    if (rowLength % 8 !== 0 && next() % 2 === 0) {
      row[row.length - 1] = (row[row.length - 1] as number) | (0xff >>> (rowLength % 8));
    }
    // Some rows repeat the one before, as quiet zones do.
    rows.push(index > 0 && next() % 4 === 0 ? (rows[index - 1] as Uint8Array) : row);
  }
  return rows;
}

/** The bytes a row stands for: 0xFF where its bit is set, else 0x00. */
function rowBytes(bits: Uint8Array, rowLength: number): Buffer {
  const bytes = Buffer.alloc(rowLength);
  for (let index = 0; index < rowLength; index += 1) {
    if (((bits[index >>> 3] as number) & (0x80 >>> (index & 7))) !== 0) bytes[index] = 0xff;
  }
  return bytes;
}

describe("ZlibRowsWriter", () => {
  it.each([
    [3, 1],
    [8, 2],
    [42, 8],
    [46, 8],
    [50, 300],
    [186, 8],
    [257, 3],
    [259, 5],
    [4099, 20],
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
        const expected = Buffer.concat(
          rows.flatMap((row) => Array(times).fill(rowBytes(row, rowLength))),
        );
        // inflateSync checks the Adler-32 too.
        expect(inflateSync(out.subarray(3, end)).equals(expected)).toBe(true);
      }
    },
  );

  it("keeps the Adler-32 right over many megabytes", () => {
    const rowLength = 32_768;
    const rows = randomRows(7, rowLength, 64);
    const times = 30;
    const out = new Uint8Array(zlibRowsBound(rowLength, rows.length, times));
    const writer = new ZlibRowsWriter(out, 0, rowLength);
    for (const row of rows) writer.add(row, times);
    const inflated = inflateSync(out.subarray(0, writer.finish()));
    expect(inflated.length).toBe(rowLength * rows.length * times);
  });

  it("refuses rows too short to copy and calls of more than 1 MiB", () => {
    expect(() => new ZlibRowsWriter(new Uint8Array(100), 0, 2)).toThrow(RangeError);
    const writer = new ZlibRowsWriter(new Uint8Array(100), 0, 1024);
    expect(() => writer.add(new Uint8Array(128), 1025)).toThrow(RangeError);
    expect(() => writer.add(new Uint8Array(127), 1)).toThrow(RangeError);
  });
});
