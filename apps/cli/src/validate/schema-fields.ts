// Reads the fields of a zod object schema of the contract for object-fast-path.ts: which a
// record may leave out, and which are strings checked by regular expressions only (every SIM
// field but impu), possibly nullable, so that a plain function can check them as zod would.
import type { z } from "zod";
import { simplePatternTest } from "./simple-pattern.ts";

/** A zod schema, as the contract's generated code builds them. */
export type Schema = z.core.$ZodType;

/** One field of an object schema. */
export interface SchemaField {
  readonly key: string;
  /** Position in the shape. */
  readonly index: number;
  /** Absent is valid and leaves the key out of the output (`optional`, `exactOptional`). */
  readonly mayBeAbsent: boolean;
  /**
   * For a string field whose only checks are regular expressions: true when a value present
   * passes them all, as zod would say. Undefined for any other field: `schema` checks it.
   */
  readonly test: ((value: unknown) => boolean) | undefined;
  /** The field's own schema (with its optional wrapper). */
  readonly schema: Schema;
}

/**
 * The fields of an object schema in the shape's order, or undefined when the schema is not
 * an object zod checks field by field: an object with checks of its own (refinements on the
 * whole record), or a shape with symbol keys or `__proto__` (which zod leaves out of its
 * output).
 */
export function schemaFields(schema: Schema): SchemaField[] | undefined {
  const { def, traits } = schema._zod;
  if (def.type !== "object" || !traits.has("$ZodObject")) return undefined;
  if ((def.checks ?? []).length > 0) return undefined;
  const { shape } = def as z.core.$ZodObjectDef;
  if (Object.getOwnPropertySymbols(shape).length > 0) return undefined;
  const keys = Object.keys(shape);
  if (keys.includes("__proto__")) return undefined;
  return keys.map((key, index) => field(key, index, shape[key] as Schema));
}

function field(key: string, index: number, schema: Schema): SchemaField {
  const { def, optin, optout } = schema._zod;
  // `optional` and `exactOptional`: absence is valid and adds nothing to the output; a value
  // present goes to the inner schema (exactOptional refuses undefined there, and so does
  // `test`). A wrapper with a default of its own, or checks of its own, is left to zod.
  const optional = def.type === "optional" && optin === "optional" && optout === "optional";
  const inner = optional ? (def as z.core.$ZodOptionalDef).innerType : schema;
  const wrapperChecks = optional && (def.checks ?? []).length > 0;
  return {
    key,
    index,
    mayBeAbsent: optional,
    test: wrapperChecks ? undefined : nullableRegexOnlyString(inner),
    schema,
  };
}

// `.nullable()` around such a string (as OPc may be null): zod passes null through as it is,
// and gives anything else to the string.
function nullableRegexOnlyString(schema: Schema): ((value: unknown) => boolean) | undefined {
  const { def, traits } = schema._zod;
  const nullable =
    def.type === "nullable" && traits.has("$ZodNullable") && (def.checks ?? []).length === 0;
  if (!nullable) return regexOnlyString(schema);
  const test = regexOnlyString((def as z.core.$ZodNullableDef).innerType);
  return test === undefined ? undefined : (value) => value === null || test(value);
}

// For a plain `z.string()` whose checks are all `.regex()`: a test zod's checks agree with
// (a string matching every pattern; none is global or sticky, so the lastIndex zod resets
// plays no part). Undefined for anything else, string formats and coercion included.
function regexOnlyString(schema: Schema): ((value: unknown) => boolean) | undefined {
  const { def, traits } = schema._zod;
  const plainString =
    def.type === "string" &&
    traits.has("$ZodString") &&
    !traits.has("$ZodStringFormat") &&
    !traits.has("$ZodCheck") &&
    (def as z.core.$ZodStringDef).coerce !== true;
  if (!plainString) return undefined;
  const tests: ((value: string) => boolean)[] = [];
  for (const check of def.checks ?? []) {
    // Every zod check has traits; its typings leave them out.
    const { def: checkDef, traits: checkTraits } = check._zod as unknown as {
      readonly def: z.core.$ZodCheckRegexDef;
      readonly traits: ReadonlySet<string>;
    };
    if (!checkTraits.has("$ZodCheckRegex") || checkDef.when !== undefined) return undefined;
    const { pattern } = checkDef;
    if (!(pattern instanceof RegExp) || pattern.global || pattern.sticky) return undefined;
    tests.push(simplePatternTest(pattern) ?? ((value) => pattern.test(value)));
  }
  if (tests.length === 1) {
    const [only] = tests as [(value: string) => boolean];
    return (value) => typeof value === "string" && only(value);
  }
  return (value) => typeof value === "string" && tests.every((test) => test(value));
}
