import { describe, expect, it } from "vitest";
import { timingSafeEqualHex } from "./timing-safe-equal.ts";

const expected = "7eb765e27df5373dea2dbc8c41a7d9557743e46c8054750f3d851b3fd01d0835";

describe("timingSafeEqualHex", () => {
  const table: { name: string; received: string; want: boolean }[] = [
    { name: "the same lower-case hex", received: expected, want: true },
    { name: "the same hex in upper case", received: expected.toUpperCase(), want: true },
    {
      name: "the same hex in mixed case",
      received: "7EB765e27df5373dea2dbc8c41a7d9557743e46c8054750f3d851b3fd01d0835",
      want: true,
    },
    { name: "one digit changed", received: `${expected.slice(0, -1)}4`, want: false },
    { name: "the first digit changed", received: `0${expected.slice(1)}`, want: false },
    { name: "a prefix", received: expected.slice(0, 63), want: false },
    { name: "one digit more", received: `${expected}0`, want: false },
    { name: "an empty string", received: "", want: false },
    { name: "non-hex of the same length", received: "z".repeat(64), want: false },
  ];
  it.each(table)("returns $want for $name", ({ received, want }) => {
    expect(timingSafeEqualHex(received, expected)).toBe(want);
  });
});
