// A `const` or `enum` fixes the exact values, so the zod schema is a literal. The sibling
// keywords (type, pattern, bounds, format) then add nothing, but only if every value
// satisfies them; this check proves that at generation time instead of dropping them.
import type { SchemaObject } from "./openapi-document.ts";

/** A value `const` and `enum` may hold in this contract. */
export type LiteralValue = string | number | boolean | null;

/** Tells whether `value` can be a zod literal (a JSON scalar). */
export function isLiteralValue(value: unknown): value is LiteralValue {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

/** String length as JSON Schema counts it: in Unicode code points, not UTF-16 units. */
export function codePointLength(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

const int32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const int64 = { min: -(2 ** 63), max: 2 ** 63 - 1 };

function jsonTypeMatches(value: LiteralValue, type: string): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    default:
      return false;
  }
}

/** Why `value` breaks a sibling keyword of `schema`, or `null` when it satisfies all of them. */
export function literalViolation(value: LiteralValue, schema: SchemaObject): string | null {
  const types = typeof schema.type === "string" ? [schema.type] : schema.type;
  if (Array.isArray(types) && !types.some((type) => jsonTypeMatches(value, String(type)))) {
    return `it is not of type ${types.join(" | ")}`;
  }
  if (typeof value === "string") {
    const length = codePointLength(value);
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) {
      return `it does not match the pattern ${schema.pattern}`;
    }
    if (typeof schema.minLength === "number" && length < schema.minLength) {
      return `it is shorter than minLength ${schema.minLength}`;
    }
    if (typeof schema.maxLength === "number" && length > schema.maxLength) {
      return `it is longer than maxLength ${schema.maxLength}`;
    }
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) {
      return `it is below minimum ${schema.minimum}`;
    }
    if (typeof schema.maximum === "number" && value > schema.maximum) {
      return `it is above maximum ${schema.maximum}`;
    }
    const range = schema.format === "int32" ? int32 : schema.format === "int64" ? int64 : null;
    if (range !== null && Number.isInteger(value) && (value < range.min || value > range.max)) {
      return `it is outside the ${String(schema.format)} range`;
    }
  }
  return null;
}
