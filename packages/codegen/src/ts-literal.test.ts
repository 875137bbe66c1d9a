import { describe, expect, it } from "vitest";
import { propertyKey, tsLiteral } from "./ts-literal.ts";

describe("propertyKey", () => {
  it.each([
    ["iccid", "iccid"],
    ["$x_1", "$x_1"],
    ["a-b", '"a-b"'],
    ["1a", '"1a"'],
    ["__proto__", '["__proto__"]'],
  ])("%s -> %s", (given, want) => {
    expect(propertyKey(given)).toBe(want);
  });
});

describe("tsLiteral", () => {
  it.each([
    { name: "scalars", given: [1, "a", true, null], want: '[1, "a", true, null]' },
    { name: "empty containers", given: { a: [], b: {} }, want: "{\n  a: [],\n  b: {},\n}" },
    {
      name: "a small record on one line",
      given: { code: 1, name: "A" },
      want: '{ code: 1, name: "A" }',
    },
    {
      name: "nested containers one entry per line",
      given: { list: [{ a: 1 }], "x-y": { b: [2] } },
      want: '{\n  list: [{ a: 1 }],\n  "x-y": {\n    b: [2],\n  },\n}',
    },
    {
      name: "a long list one item per line",
      given: ["a".repeat(40), "b".repeat(40), "c".repeat(10)],
      want: `[\n  "${"a".repeat(40)}",\n  "${"b".repeat(40)}",\n  "${"c".repeat(10)}",\n]`,
    },
  ])("$name", ({ given, want }) => {
    expect(tsLiteral(given)).toBe(want);
  });

  it("refuses values JSON cannot hold", () => {
    expect(() => tsLiteral([undefined])).toThrow("Not a JSON value");
  });
});
