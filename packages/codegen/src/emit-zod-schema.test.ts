import { describe, expect, it } from "vitest";
import { emitZodSchema, type ZodEmitContext, type ZodHelper } from "./emit-zod-schema.ts";
import type { SchemaObject } from "./openapi-document.ts";
import { documentWith, ref } from "./test-documents.ts";
import { UnsupportedSchemaError } from "./unsupported-schema-error.ts";

// Named schemas the cases may reference; `Later…` counts as not yet declared (a cycle).
const document = documentWith({
  A: { type: "string" },
  B: { type: "integer" },
  WithDefault: { type: "integer", enum: [1], default: 1 },
  Later: { type: "string" },
  Ok: {
    type: "object",
    properties: { success: { type: "boolean", const: true }, obj: { type: "string" } },
    required: ["success", "obj"],
  },
  Failed: {
    type: "object",
    properties: { success: { type: "boolean", const: false }, code: { type: "string" } },
    required: ["success"],
  },
  AlsoOk: {
    type: "object",
    properties: { success: { type: "boolean", const: true } },
    required: ["success"],
  },
  LaterFailed: {
    type: "object",
    properties: { success: { type: "boolean", const: false } },
    required: ["success"],
  },
  MaybeFailed: {
    type: "object",
    properties: { success: { type: "boolean", const: false } },
  },
});

function emit(schema: SchemaObject): string {
  const context: ZodEmitContext = {
    document,
    isDeclared: (name) => !name.startsWith("Later"),
    helpers: new Set<ZodHelper>(),
  };
  return emitZodSchema(schema, "#/x", context);
}

const object = (properties: Record<string, SchemaObject>, required: string[] = []) => ({
  type: "object",
  additionalProperties: false,
  properties,
  required,
});

describe("emitZodSchema translates each supported keyword", () => {
  const cases: Array<{ name: string; given: SchemaObject; want: string }> = [
    { name: "no keyword: any JSON value", given: {}, want: "z.unknown()" },
    {
      name: "annotations only",
      given: { title: "t", description: "d", examples: [1] },
      want: "z.unknown()",
    },
    { name: "type string", given: { type: "string" }, want: "z.string()" },
    {
      name: "pattern (unanchored, Unicode)",
      given: { type: "string", pattern: "^[0-9]{19,20}$" },
      want: 'z.string().regex(new RegExp("^[0-9]{19,20}$", "u"))',
    },
    {
      name: "pattern with backslashes",
      given: { type: "string", pattern: "^https://[^\\s]+$" },
      want: 'z.string().regex(new RegExp("^https://[^\\\\s]+$", "u"))',
    },
    {
      name: "minLength and maxLength count code points",
      given: { type: "string", minLength: 1, maxLength: 128 },
      want: "z.string().check(minCodePoints(1), maxCodePoints(128))",
    },
    {
      name: "pattern and lengths together",
      given: { type: "string", pattern: "^a", maxLength: 3 },
      want: 'z.string().regex(new RegExp("^a", "u")).check(maxCodePoints(3))',
    },
    { name: "type integer", given: { type: "integer" }, want: "z.int()" },
    {
      name: "format int64 stays a safe integer",
      given: { type: "integer", format: "int64" },
      want: "z.int()",
    },
    {
      name: "format int32 with minimum and maximum",
      given: { type: "integer", format: "int32", minimum: 1, maximum: 10000 },
      want: "z.int32().min(1).max(10000)",
    },
    {
      name: "type number",
      given: { type: "number", minimum: 0.5, maximum: 2 },
      want: "z.number().min(0.5).max(2)",
    },
    { name: "type boolean", given: { type: "boolean" }, want: "z.boolean()" },
    { name: 'type "null"', given: { type: "null" }, want: "z.null()" },
    {
      name: "type list with null",
      given: { type: ["string", "null"] },
      want: "z.string().nullable()",
    },
    {
      name: "type list: each keyword applies to its own type",
      given: { type: ["integer", "string", "null"], minimum: 0, maxLength: 4 },
      want: "z.union([z.int().min(0), z.string().check(maxCodePoints(4))]).nullable()",
    },
    {
      name: "array with items and bounds",
      given: { type: "array", items: ref("A"), minItems: 1, maxItems: 200 },
      want: "z.array(A).min(1).max(200)",
    },
    { name: "array without items", given: { type: "array" }, want: "z.array(z.unknown())" },
    {
      name: "additionalProperties false: strict; required and optional keys",
      given: object({ a: ref("A"), b: ref("B") }, ["a"]),
      want: "z.strictObject({\n  a: A,\n  b: z.exactOptional(B),\n})",
    },
    {
      name: "additionalProperties absent: loose",
      given: { type: "object", properties: { a: ref("A") }, required: ["a"] },
      want: "z.looseObject({\n  a: A,\n})",
    },
    {
      name: "additionalProperties true: loose",
      given: { type: "object", additionalProperties: true },
      want: "z.looseObject({})",
    },
    {
      name: "empty strict object",
      given: { type: "object", additionalProperties: false },
      want: "z.strictObject({})",
    },
    {
      name: "property description, deprecation and secret become JSDoc",
      given: object(
        { k: { ...ref("A"), description: "The key.", deprecated: true, "x-secret": true } },
        ["k"],
      ),
      want: [
        "z.strictObject({",
        "  /**",
        "   * The key.",
        "   * Secret (`x-secret`): never log it or put it in an error message.",
        "   * @deprecated",
        "   */",
        "  k: A,",
        "})",
      ].join("\n"),
    },
    {
      name: "keys that are not identifiers are quoted",
      given: object({ "a-b": ref("A"), ["__proto__"]: ref("A") }, ["a-b", "__proto__"]),
      want: 'z.strictObject({\n  "a-b": A,\n  ["__proto__"]: A,\n})',
    },
    {
      name: "nested objects are indented",
      given: object({ o: object({ a: ref("A") }, ["a"]) }, ["o"]),
      want: "z.strictObject({\n  o: z.strictObject({\n    a: A,\n  }),\n})",
    },
    { name: "const string", given: { const: "x" }, want: 'z.literal("x")' },
    {
      name: "const boolean with type",
      given: { type: "boolean", const: false },
      want: "z.literal(false)",
    },
    {
      name: "const with redundant bounds and format",
      given: { type: "integer", format: "int32", const: 200, minimum: 200, maximum: 200 },
      want: "z.literal(200)",
    },
    { name: "const null", given: { const: null }, want: "z.null()" },
    {
      name: "string enum",
      given: { type: "string", enum: ["a", "b"] },
      want: 'z.enum(["a", "b"])',
    },
    { name: "integer enum", given: { type: "integer", enum: [1, 2] }, want: "z.literal([1, 2])" },
    { name: "one-value enum", given: { type: "integer", enum: [1] }, want: "z.literal(1)" },
    {
      name: "enum with null",
      given: { type: ["string", "null"], enum: ["a", "b", null] },
      want: 'z.enum(["a", "b"]).nullable()',
    },
    { name: "const inside enum", given: { const: "a", enum: ["a", "b"] }, want: 'z.literal("a")' },
    {
      name: "oneOf: exclusive union",
      given: { oneOf: [ref("A"), ref("B")] },
      want: "z.xor([A, B])",
    },
    {
      name: "oneOf told apart by a required constant: discriminated union",
      given: { oneOf: [ref("Ok"), ref("Failed")] },
      want: 'z.discriminatedUnion("success", [Ok, Failed])',
    },
    {
      name: "oneOf whose branches share the constant: exclusive union",
      given: { oneOf: [ref("Ok"), ref("AlsoOk")] },
      want: "z.xor([Ok, AlsoOk])",
    },
    {
      name: "oneOf where a branch does not require the constant: exclusive union",
      given: { oneOf: [ref("Ok"), ref("MaybeFailed")] },
      want: "z.xor([Ok, MaybeFailed])",
    },
    {
      name: "oneOf with a branch declared further down: exclusive union, read lazily",
      given: { oneOf: [ref("Ok"), ref("LaterFailed")] },
      want: "z.xor([Ok, z.lazy(() => LaterFailed)])",
    },
    {
      name: "anyOf told apart by a constant: still a plain union",
      given: { anyOf: [ref("Ok"), ref("Failed")] },
      want: "z.union([Ok, Failed])",
    },
    { name: "anyOf: union", given: { anyOf: [ref("A"), ref("B")] }, want: "z.union([A, B])" },
    { name: "oneOf with one branch", given: { oneOf: [ref("A")] }, want: "A" },
    {
      name: "oneOf of consts with their names: a literal",
      given: {
        type: "integer",
        oneOf: [
          { const: 1, title: "ONE", description: "one" },
          { const: 2, title: "TWO" },
        ],
      },
      want: "z.literal([1, 2])",
    },
    {
      name: "anyOf of consts drops repeated values",
      given: { anyOf: [{ const: "a" }, { const: "a" }, { const: "b" }] },
      want: 'z.enum(["a", "b"])',
    },
    {
      name: "oneOf with sibling constraints: intersection",
      given: { type: "integer", minimum: 0, oneOf: [ref("B"), { type: "integer", maximum: 5 }] },
      want: "z.intersection(z.int().min(0), z.xor([B, z.int().max(5)]))",
    },
    { name: "$ref", given: ref("A"), want: "A" },
    {
      name: "$ref with annotations",
      given: { ...ref("A"), description: "d", "x-secret": true },
      want: "A",
    },
    {
      name: "$ref to a schema declared later: lazy",
      given: ref("Later"),
      want: "z.lazy(() => Later)",
    },
    { name: "$ref with default", given: { ...ref("B"), default: 3 }, want: "B.default(3)" },
    {
      name: "default",
      given: { type: "boolean", default: false },
      want: "z.boolean().default(false)",
    },
    {
      name: "object default gets a factory",
      given: { type: "array", items: ref("A"), default: ["x"] },
      want: 'z.array(A).default(() => (["x"]))',
    },
    {
      name: "optional key with a default: no exactOptional (the default fills it)",
      given: object({ flag: { type: "boolean", default: false } }),
      want: "z.strictObject({\n  flag: z.boolean().default(false),\n})",
    },
    {
      name: "required key with a default: the default never applies",
      given: object({ flag: { type: "boolean", default: false } }, ["flag"]),
      want: "z.strictObject({\n  flag: z.boolean(),\n})",
    },
    {
      name: "optional key referencing a schema with a default",
      given: object({ mode: ref("WithDefault") }),
      want: "z.strictObject({\n  mode: WithDefault,\n})",
    },
    {
      name: "required key referencing a schema with a default",
      given: object({ mode: ref("WithDefault") }, ["mode"]),
      want: "z.strictObject({\n  mode: WithDefault.unwrap(),\n})",
    },
    {
      name: "nullable with default",
      given: { type: ["string", "null"], default: null },
      want: "z.string().nullable().default(null)",
    },
    {
      name: "long unions break one option per line",
      given: { oneOf: [object({ aaaaaaaaaa: ref("A") }, ["aaaaaaaaaa"]), ref("B")] },
      want: "z.xor([\n  z.strictObject({\n    aaaaaaaaaa: A,\n  }),\n  B,\n])",
    },
  ];

  it.each(cases)("$name", ({ given, want }) => {
    expect(emit(given)).toBe(want);
  });
});

describe("emitZodSchema throws, naming the pointer, for anything it does not translate", () => {
  const cases: Array<{ name: string; given: SchemaObject; pointer: string; message: RegExp }> = [
    {
      name: "allOf",
      given: { allOf: [ref("A")] },
      pointer: "#/x/allOf",
      message: /"allOf" is not supported/,
    },
    { name: "not", given: { not: {} }, pointer: "#/x/not", message: /"not"/ },
    {
      name: "OpenAPI 3.0 nullable",
      given: { type: "string", nullable: true },
      pointer: "#/x/nullable",
      message: /"nullable"/,
    },
    {
      name: "exclusiveMinimum",
      given: { type: "number", exclusiveMinimum: 0 },
      pointer: "#/x/exclusiveMinimum",
      message: /not supported/,
    },
    {
      name: "multipleOf",
      given: { type: "number", multipleOf: 2 },
      pointer: "#/x/multipleOf",
      message: /not supported/,
    },
    {
      name: "uniqueItems",
      given: { type: "array", uniqueItems: true },
      pointer: "#/x/uniqueItems",
      message: /not supported/,
    },
    {
      name: "patternProperties",
      given: { type: "object", patternProperties: {} },
      pointer: "#/x/patternProperties",
      message: /not supported/,
    },
    {
      name: "discriminator",
      given: { oneOf: [ref("A")], discriminator: {} },
      pointer: "#/x/discriminator",
      message: /not supported/,
    },
    {
      name: "singular example",
      given: { type: "string", example: "a" },
      pointer: "#/x/example",
      message: /not supported/,
    },
    {
      name: "readOnly",
      given: { type: "string", readOnly: true },
      pointer: "#/x/readOnly",
      message: /not supported/,
    },
    {
      name: "format date-time",
      given: { type: "string", format: "date-time" },
      pointer: "#/x/format",
      message: /does not apply to type string/,
    },
    {
      name: "unknown integer format",
      given: { type: "integer", format: "int8" },
      pointer: "#/x/format",
      message: /only int32 and int64/,
    },
    {
      name: "int32 on a number",
      given: { type: "number", format: "int32" },
      pointer: "#/x/format",
      message: /does not apply/,
    },
    {
      name: "pattern without a type",
      given: { pattern: "a" },
      pointer: "#/x/pattern",
      message: /needs a "type"/,
    },
    {
      name: "pattern on an integer",
      given: { type: "integer", pattern: "a" },
      pointer: "#/x/pattern",
      message: /would ignore it/,
    },
    {
      name: "properties on a string",
      given: { type: "string", properties: {} },
      pointer: "#/x/properties",
      message: /does not apply/,
    },
    {
      name: "invalid pattern",
      given: { type: "string", pattern: "(" },
      pointer: "#/x/pattern",
      message: /regular expression/,
    },
    {
      name: "pattern invalid in Unicode mode",
      given: { type: "string", pattern: "\\-" },
      pointer: "#/x/pattern",
      message: /regular expression/,
    },
    {
      name: "negative length",
      given: { type: "string", minLength: -1 },
      pointer: "#/x/minLength",
      message: /integer >= 0/,
    },
    {
      name: "fractional item count",
      given: { type: "array", maxItems: 1.5 },
      pointer: "#/x/maxItems",
      message: /integer >= 0/,
    },
    {
      name: "minimum not a number",
      given: { type: "integer", minimum: "1" },
      pointer: "#/x/minimum",
      message: /must be a number/,
    },
    {
      name: "min above max",
      given: { type: "string", minLength: 3, maxLength: 2 },
      pointer: "#/x",
      message: /minLength 3 is above maxLength 2/,
    },
    {
      name: "additionalProperties schema",
      given: { type: "object", additionalProperties: { type: "string" } },
      pointer: "#/x/additionalProperties",
      message: /only true or false/,
    },
    {
      name: "required key not described",
      given: { type: "object", properties: {}, required: ["x"] },
      pointer: "#/x/required",
      message: /"x"/,
    },
    {
      name: "required twice",
      given: { type: "object", properties: { x: {} }, required: ["x", "x"] },
      pointer: "#/x/required",
      message: /twice/,
    },
    {
      name: "tuple items",
      given: { type: "array", items: [{}] },
      pointer: "#/x/items",
      message: /tuples/,
    },
    {
      name: "unknown type",
      given: { type: "strin" },
      pointer: "#/x/type",
      message: /unknown type "strin"/,
    },
    { name: "empty type list", given: { type: [] }, pointer: "#/x/type", message: /non-empty/ },
    {
      name: "type listed twice",
      given: { type: ["string", "string"] },
      pointer: "#/x/type",
      message: /twice/,
    },
    {
      name: "keyword next to $ref",
      given: { ...ref("A"), maxLength: 3 },
      pointer: "#/x/maxLength",
      message: /next to \$ref/,
    },
    {
      name: "$ref to a missing schema",
      given: ref("Missing"),
      pointer: "#/x",
      message: /missing schema Missing/,
    },
    {
      name: "external $ref",
      given: { $ref: "other.yaml#/A" },
      pointer: "#/x/$ref",
      message: /#\/components\/schemas/,
    },
    {
      name: "object const",
      given: { const: { a: 1 } },
      pointer: "#/x/const",
      message: /only string, number/,
    },
    {
      name: "const of the wrong type",
      given: { type: "string", const: 1 },
      pointer: "#/x",
      message: /1 can never be valid: it is not of type string/,
    },
    {
      name: "enum value breaking maxLength",
      given: { type: "string", enum: ["ab"], maxLength: 1 },
      pointer: "#/x",
      message: /"ab" can never be valid/,
    },
    {
      name: "const outside int32",
      given: { type: "integer", format: "int32", const: 2 ** 31 },
      pointer: "#/x",
      message: /int32 range/,
    },
    {
      name: "const not in enum",
      given: { const: "c", enum: ["a"] },
      pointer: "#/x",
      message: /not one of the enum values/,
    },
    {
      name: "null type without null value",
      given: { type: ["string", "null"], enum: ["a"] },
      pointer: "#/x",
      message: /type lists "null"/,
    },
    { name: "empty enum", given: { enum: [] }, pointer: "#/x/enum", message: /non-empty/ },
    {
      name: "enum value twice",
      given: { enum: ["a", "a"] },
      pointer: "#/x/enum",
      message: /twice/,
    },
    {
      name: "oneOf listing a const twice",
      given: { oneOf: [{ const: 1 }, { const: 1 }] },
      pointer: "#/x/oneOf",
      message: /twice/,
    },
    { name: "empty oneOf", given: { oneOf: [] }, pointer: "#/x/oneOf", message: /non-empty/ },
    {
      name: "oneOf and anyOf together",
      given: { oneOf: [ref("A")], anyOf: [ref("B")] },
      pointer: "#/x",
      message: /oneOf and anyOf/,
    },
    {
      name: "oneOf next to type object",
      given: { type: "object", oneOf: [ref("A"), ref("B")] },
      pointer: "#/x",
      message: /next to type object/,
    },
    {
      name: "const next to oneOf",
      given: { const: 1, oneOf: [ref("B")] },
      pointer: "#/x",
      message: /const\/enum next to oneOf/,
    },
    {
      name: "description not a string",
      given: { type: "string", description: 3 },
      pointer: "#/x/description",
      message: /string/,
    },
    {
      name: "x-inferred without a source",
      given: { type: "string", "x-inferred": true },
      pointer: "#/x/x-inferred",
      message: /source/,
    },
    {
      name: "x-secret not a boolean",
      given: { type: "string", "x-secret": "yes" },
      pointer: "#/x/x-secret",
      message: /true or false/,
    },
    {
      name: "boolean property schema",
      given: { type: "object", properties: { a: true } },
      pointer: "#/x/properties/a",
      message: /boolean schemas/,
    },
    {
      name: "nested keyword: the pointer reaches it",
      given: object({ a: { type: "array", items: { type: "string", minimum: 1 } } }),
      pointer: "#/x/properties/a/items/minimum",
      message: /does not apply/,
    },
    {
      name: "pointer tokens are escaped",
      given: object({ "a/b~c": { allOf: [] } }),
      pointer: "#/x/properties/a~1b~0c/allOf",
      message: /not supported/,
    },
    {
      name: "inside a oneOf branch",
      given: { oneOf: [ref("A"), { type: "string", format: "uuid" }] },
      pointer: "#/x/oneOf/1/format",
      message: /does not apply/,
    },
  ];

  it.each(cases)("$name", ({ given, pointer, message }) => {
    let thrown: unknown;
    try {
      emit(given);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnsupportedSchemaError);
    expect((thrown as UnsupportedSchemaError).pointer).toBe(pointer);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message.startsWith(`${pointer}: `)).toBe(true);
  });
});

describe("emitZodSchema records the helpers it uses", () => {
  it("lists minCodePoints and maxCodePoints only when lengths appear", () => {
    const helpers = new Set<ZodHelper>();
    const context: ZodEmitContext = { document, isDeclared: () => true, helpers };
    emitZodSchema({ type: "string", pattern: "a" }, "#/x", context);
    expect([...helpers]).toEqual([]);
    emitZodSchema({ type: "string", maxLength: 2 }, "#/x", context);
    expect([...helpers]).toEqual(["maxCodePoints"]);
  });
});
