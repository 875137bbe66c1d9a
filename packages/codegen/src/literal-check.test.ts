import { describe, expect, it } from "vitest";
import { codePointLength, type LiteralValue, literalViolation } from "./literal-check.ts";
import type { SchemaObject } from "./openapi-document.ts";

describe("codePointLength", () => {
  it.each([
    ["", 0],
    ["abc", 3],
    ["😀", 1],
    ["a😀b", 3],
  ])("%s has %i code points", (value, want) => {
    expect(codePointLength(value)).toBe(want);
  });
});

describe("literalViolation", () => {
  const cases: Array<{ value: LiteralValue; schema: SchemaObject; want: string | null }> = [
    {
      value: 200,
      schema: { type: "integer", format: "int32", minimum: 200, maximum: 200 },
      want: null,
    },
    { value: 1.5, schema: { type: "integer" }, want: "it is not of type integer" },
    { value: 1, schema: { type: "number" }, want: null },
    { value: null, schema: { type: ["string", "null"] }, want: null },
    { value: "a", schema: { type: "boolean" }, want: "it is not of type boolean" },
    {
      value: "ab",
      schema: { type: "string", pattern: "^a$" },
      want: "it does not match the pattern ^a$",
    },
    {
      value: "😀",
      schema: { type: "string", minLength: 2 },
      want: "it is shorter than minLength 2",
    },
    { value: "😀😀", schema: { type: "string", maxLength: 2 }, want: null },
    { value: 0, schema: { type: "integer", minimum: 1 }, want: "it is below minimum 1" },
    { value: 5, schema: { type: "integer", maximum: 4 }, want: "it is above maximum 4" },
    {
      value: 2 ** 31,
      schema: { type: "integer", format: "int32" },
      want: "it is outside the int32 range",
    },
    { value: 2 ** 31, schema: { type: "integer", format: "int64" }, want: null },
    { value: "x", schema: {}, want: null },
  ];

  it.each(cases)("$value against $schema", ({ value, schema, want }) => {
    expect(literalViolation(value, schema)).toBe(want);
  });
});
