// Translates one JSON Schema (OpenAPI 3.1) into the source text of a zod 4 expression.
// It is a faithful translation of the keywords in supported-keywords.ts: every keyword
// either becomes a zod check or is proved redundant, and anything else throws an
// UnsupportedSchemaError naming the JSON pointer.
import { docComment } from "./doc-comment.ts";
import { findDiscriminator } from "./find-discriminator.ts";
import { childPointer, resolvePointer } from "./json-pointer.ts";
import { isLiteralValue, type LiteralValue, literalViolation } from "./literal-check.ts";
import { isJsonObject, type OpenApiDocument, type SchemaObject } from "./openapi-document.ts";
import { schemaRefName } from "./schema-refs.ts";
import {
  annotationKeywords,
  type JsonType,
  keywordTypes,
  supportedFormats,
  supportedKeywords,
} from "./supported-keywords.ts";
import { propertyKey } from "./ts-literal.ts";
import { UnsupportedSchemaError } from "./unsupported-schema-error.ts";

/** Helpers the generated module must define when an expression uses them. */
export type ZodHelper = "minCodePoints" | "maxCodePoints";

/** What the emitter needs to know about the module it writes into. */
export interface ZodEmitContext {
  /** The whole document, to follow `$ref`s (a referenced schema may carry a default). */
  readonly document: OpenApiDocument;
  /** True when the named schema is declared above the current one; otherwise `z.lazy`. */
  readonly isDeclared: (name: string) => boolean;
  /** Collects the helpers used, so the module defines exactly those. */
  readonly helpers: Set<ZodHelper>;
}

const jsonTypes: ReadonlySet<string> = new Set([
  "string",
  "number",
  "integer",
  "boolean",
  "null",
  "array",
  "object",
]);

/** The zod expression for `schema`, found at `pointer` in the document. */
export function emitZodSchema(
  schema: SchemaObject,
  pointer: string,
  context: ZodEmitContext,
): string {
  return emitSchema(schema, pointer, context, true);
}

function emitSchema(
  schema: SchemaObject,
  pointer: string,
  context: ZodEmitContext,
  withDefault: boolean,
): string {
  checkKeywords(schema, pointer);
  const expression = emitWithoutDefault(schema, pointer, context);
  if (!withDefault || !("default" in schema)) return expression;
  // A default makes the value optional in zod's input and always present in its output,
  // like JSON Schema's annotation read by a server that fills it in. Objects and arrays get
  // a factory so that parsed values never share one mutable default.
  const value = schema.default;
  const literal = JSON.stringify(value);
  return typeof value === "object" && value !== null
    ? `${expression}.default(() => (${literal}))`
    : `${expression}.default(${literal})`;
}

function emitWithoutDefault(
  schema: SchemaObject,
  pointer: string,
  context: ZodEmitContext,
): string {
  if ("$ref" in schema) return emitRef(schema, pointer, context);
  const types = readTypes(schema, pointer);
  checkTypeKeywords(schema, types, pointer);
  if ("const" in schema || "enum" in schema) {
    if ("oneOf" in schema || "anyOf" in schema) {
      throw new UnsupportedSchemaError(pointer, "const/enum next to oneOf/anyOf is not supported.");
    }
    return emitLiteral(readLiteralValues(schema, pointer), schema, types, pointer);
  }
  if ("oneOf" in schema || "anyOf" in schema) {
    return emitComposition(schema, types, pointer, context);
  }
  return emitTyped(schema, types, pointer, context);
}

function checkKeywords(schema: SchemaObject, pointer: string): void {
  for (const keyword of Object.keys(schema)) {
    if (!supportedKeywords.has(keyword)) {
      throw new UnsupportedSchemaError(
        childPointer(pointer, keyword),
        `keyword "${keyword}" is not supported by the zod emitter (spec/README.md lists the allowed ones).`,
      );
    }
  }
  for (const keyword of ["title", "description"]) {
    if (keyword in schema && typeof schema[keyword] !== "string") {
      throw new UnsupportedSchemaError(childPointer(pointer, keyword), "must be a string.");
    }
  }
  // The source of an inference is the point of the marker: `true` or "" would say nothing.
  const inferred = schema["x-inferred"];
  if (inferred !== undefined && (typeof inferred !== "string" || inferred.trim() === "")) {
    throw new UnsupportedSchemaError(
      childPointer(pointer, "x-inferred"),
      "must be a text naming the source of the inference.",
    );
  }
  for (const keyword of ["deprecated", "x-secret"]) {
    if (keyword in schema && typeof schema[keyword] !== "boolean") {
      throw new UnsupportedSchemaError(childPointer(pointer, keyword), "must be true or false.");
    }
  }
  if ("examples" in schema && !Array.isArray(schema.examples)) {
    throw new UnsupportedSchemaError(childPointer(pointer, "examples"), "must be an array.");
  }
}

function emitRef(schema: SchemaObject, pointer: string, context: ZodEmitContext): string {
  for (const keyword of Object.keys(schema)) {
    // OpenAPI 3.1 allows any keyword beside $ref (they all apply); only annotations and
    // `default` are translated here, so anything else must not be dropped silently.
    if (keyword !== "$ref" && keyword !== "default" && !annotationKeywords.has(keyword)) {
      throw new UnsupportedSchemaError(
        childPointer(pointer, keyword),
        `"${keyword}" next to $ref is not supported; move it into the referenced schema.`,
      );
    }
  }
  const name = schemaRefName(schema.$ref, childPointer(pointer, "$ref"));
  if (!isJsonObject(context.document.components?.schemas?.[name])) {
    throw new UnsupportedSchemaError(pointer, `$ref points at the missing schema ${name}.`);
  }
  // A schema declared further down (only possible on a reference cycle) is read lazily.
  return context.isDeclared(name) ? name : `z.lazy(() => ${name})`;
}

function readTypes(schema: SchemaObject, pointer: string): JsonType[] | undefined {
  if (!("type" in schema)) return undefined;
  const raw = schema.type;
  const list = typeof raw === "string" ? [raw] : raw;
  const typePointer = childPointer(pointer, "type");
  if (!Array.isArray(list) || list.length === 0) {
    throw new UnsupportedSchemaError(
      typePointer,
      "must be a type name or a non-empty list of them.",
    );
  }
  const seen = new Set<string>();
  for (const type of list) {
    if (typeof type !== "string" || !jsonTypes.has(type)) {
      throw new UnsupportedSchemaError(typePointer, `unknown type ${JSON.stringify(type)}.`);
    }
    if (seen.has(type)) throw new UnsupportedSchemaError(typePointer, `lists ${type} twice.`);
    seen.add(type);
  }
  return list as JsonType[];
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/**
 * JSON Schema ignores a type-specific keyword on other types (`pattern` on a number). A
 * keyword that applies to none of the listed types would be a silent no-op, so it throws.
 */
function checkTypeKeywords(
  schema: SchemaObject,
  types: readonly JsonType[] | undefined,
  pointer: string,
): void {
  for (const [keyword, appliesTo] of Object.entries(keywordTypes)) {
    if (!(keyword in schema)) continue;
    const at = childPointer(pointer, keyword);
    if (types === undefined) {
      throw new UnsupportedSchemaError(
        at,
        `"${keyword}" needs a "type" (${appliesTo.join(" or ")}).`,
      );
    }
    if (!appliesTo.some((type) => types.includes(type))) {
      throw new UnsupportedSchemaError(
        at,
        `"${keyword}" does not apply to type ${types.join(" | ")}; JSON Schema would ignore it.`,
      );
    }
  }
  if ("pattern" in schema) {
    const at = childPointer(pointer, "pattern");
    if (typeof schema.pattern !== "string")
      throw new UnsupportedSchemaError(at, "must be a string.");
    try {
      new RegExp(schema.pattern, "u");
    } catch (error) {
      throw new UnsupportedSchemaError(
        at,
        `not a valid ECMA-262 regular expression: ${String(error)}`,
      );
    }
  }
  for (const keyword of ["minLength", "maxLength", "minItems", "maxItems"]) {
    if (keyword in schema && !isCount(schema[keyword])) {
      throw new UnsupportedSchemaError(childPointer(pointer, keyword), "must be an integer >= 0.");
    }
  }
  for (const keyword of ["minimum", "maximum"]) {
    if (keyword in schema && !Number.isFinite(schema[keyword])) {
      throw new UnsupportedSchemaError(childPointer(pointer, keyword), "must be a number.");
    }
  }
  for (const [min, max] of [
    ["minLength", "maxLength"],
    ["minItems", "maxItems"],
    ["minimum", "maximum"],
  ] as const) {
    const low = schema[min];
    const high = schema[max];
    if (typeof low === "number" && typeof high === "number" && low > high) {
      throw new UnsupportedSchemaError(pointer, `${min} ${low} is above ${max} ${high}.`);
    }
  }
  if ("format" in schema) {
    const format = schema.format;
    if (typeof format !== "string" || !supportedFormats.has(format)) {
      throw new UnsupportedSchemaError(
        childPointer(pointer, "format"),
        `format ${JSON.stringify(format)} is not supported (only int32 and int64).`,
      );
    }
  }
  if ("items" in schema && !isJsonObject(schema.items)) {
    throw new UnsupportedSchemaError(
      childPointer(pointer, "items"),
      "must be one schema (tuples are not supported).",
    );
  }
  if ("properties" in schema && !isJsonObject(schema.properties)) {
    throw new UnsupportedSchemaError(childPointer(pointer, "properties"), "must be an object.");
  }
  if ("additionalProperties" in schema && typeof schema.additionalProperties !== "boolean") {
    throw new UnsupportedSchemaError(
      childPointer(pointer, "additionalProperties"),
      "only true or false is supported, not a schema.",
    );
  }
  if ("required" in schema) {
    const at = childPointer(pointer, "required");
    const required = schema.required;
    const properties = isJsonObject(schema.properties) ? schema.properties : {};
    if (!Array.isArray(required)) throw new UnsupportedSchemaError(at, "must be a list of names.");
    for (const name of required) {
      if (typeof name !== "string" || !(name in properties)) {
        throw new UnsupportedSchemaError(
          at,
          `requires ${JSON.stringify(name)}, which "properties" does not describe.`,
        );
      }
    }
    if (new Set(required).size !== required.length) {
      throw new UnsupportedSchemaError(at, "lists a property twice.");
    }
  }
}

function readLiteralValues(schema: SchemaObject, pointer: string): LiteralValue[] {
  if ("const" in schema) {
    const value = schema.const;
    if (!isLiteralValue(value)) {
      throw new UnsupportedSchemaError(
        childPointer(pointer, "const"),
        "only string, number, boolean or null constants are supported.",
      );
    }
    if ("enum" in schema && !(Array.isArray(schema.enum) && schema.enum.includes(value))) {
      throw new UnsupportedSchemaError(pointer, "const is not one of the enum values.");
    }
    return [value];
  }
  const at = childPointer(pointer, "enum");
  const values = schema.enum;
  if (!Array.isArray(values) || values.length === 0) {
    throw new UnsupportedSchemaError(at, "must be a non-empty list.");
  }
  for (const value of values) {
    if (!isLiteralValue(value)) {
      throw new UnsupportedSchemaError(
        at,
        "only string, number, boolean or null values are supported.",
      );
    }
  }
  if (new Set(values).size !== values.length) {
    throw new UnsupportedSchemaError(at, "lists a value twice.");
  }
  return values as LiteralValue[];
}

/** `const`, `enum`, or a `oneOf` of consts: a literal, after proving the siblings redundant. */
function emitLiteral(
  values: readonly LiteralValue[],
  schema: SchemaObject,
  types: readonly JsonType[] | undefined,
  pointer: string,
): string {
  for (const value of values) {
    const violation = literalViolation(value, schema);
    if (violation !== null) {
      throw new UnsupportedSchemaError(
        pointer,
        `the value ${JSON.stringify(value)} can never be valid: ${violation}.`,
      );
    }
  }
  if (types?.includes("null") && !values.includes(null)) {
    // JSON Schema rejects null here (the values win), openapi-typescript's type allows it:
    // the two readings disagree, so the spec must say which one it means.
    throw new UnsupportedSchemaError(
      pointer,
      'type lists "null" but the allowed values do not include null; add null to them or drop it from type.',
    );
  }
  const nonNull = values.filter((value) => value !== null);
  const nullable = nonNull.length < values.length;
  if (nonNull.length === 0) return "z.null()";
  const rendered = nonNull.map((value) => JSON.stringify(value));
  let expression: string;
  if (nonNull.length === 1) expression = `z.literal(${rendered[0]})`;
  else if (nonNull.every((value) => typeof value === "string"))
    expression = list("z.enum([", rendered, "])");
  else expression = list("z.literal([", rendered, "])");
  return nullable ? `${expression}.nullable()` : expression;
}

function isPureConst(branch: SchemaObject): boolean {
  return (
    "const" in branch &&
    Object.keys(branch).every((key) => key === "const" || annotationKeywords.has(key))
  );
}

function emitComposition(
  schema: SchemaObject,
  types: readonly JsonType[] | undefined,
  pointer: string,
  context: ZodEmitContext,
): string {
  if ("oneOf" in schema && "anyOf" in schema) {
    throw new UnsupportedSchemaError(pointer, "oneOf and anyOf in one schema are not supported.");
  }
  const keyword = "oneOf" in schema ? "oneOf" : "anyOf";
  const at = childPointer(pointer, keyword);
  const branches = schema[keyword];
  if (!Array.isArray(branches) || branches.length === 0 || !branches.every(isJsonObject)) {
    throw new UnsupportedSchemaError(at, "must be a non-empty list of schemas.");
  }

  if (branches.every(isPureConst)) {
    // A oneOf of consts is an enum whose values carry a name and a description (the eIM
    // error codes). Distinct values match exactly one branch each, so a literal is exact.
    branches.forEach((branch, index) => {
      checkKeywords(branch, childPointer(at, index));
    });
    const values = branches.map((branch, index) => {
      if (!isLiteralValue(branch.const)) {
        throw new UnsupportedSchemaError(
          childPointer(at, index, "const"),
          "only string, number, boolean or null constants are supported.",
        );
      }
      return branch.const;
    });
    const distinct = [...new Set(values)];
    if (keyword === "oneOf" && distinct.length !== values.length) {
      // With oneOf, a value listed twice matches two branches and is therefore invalid.
      throw new UnsupportedSchemaError(at, "lists a constant twice, which oneOf would reject.");
    }
    return emitLiteral(distinct, schema, types, at);
  }

  const options = branches.map((branch, index) =>
    emitSchema(branch, childPointer(at, index), context, true),
  );
  // oneOf means exactly one branch matches: z.xor fails on zero or several matches. Branches
  // told apart by a constant can match only one at a time: a discriminated union then runs
  // just the branch the value names.
  const discriminator =
    keyword === "oneOf"
      ? findDiscriminator(branches, at, context.document, context.isDeclared)
      : undefined;
  const opening =
    discriminator !== undefined
      ? `z.discriminatedUnion(${JSON.stringify(discriminator)}, [`
      : keyword === "oneOf"
        ? "z.xor(["
        : "z.union([";
  const union = options.length === 1 ? (options[0] as string) : list(opening, options, "])");
  if (types === undefined) return union;
  if (types.includes("object") || types.includes("array")) {
    // An intersection of strict objects rejects the keys of the other side.
    throw new UnsupportedSchemaError(
      pointer,
      `${keyword} next to type object/array is not supported; put the shared part into each branch.`,
    );
  }
  // Sibling keywords (`type: integer` with bounds) constrain every branch.
  return `z.intersection(${emitTyped(schema, types, pointer, context)}, ${union})`;
}

function emitTyped(
  schema: SchemaObject,
  types: readonly JsonType[] | undefined,
  pointer: string,
  context: ZodEmitContext,
): string {
  // No type and no constraint: any JSON value (openapi-typescript says `unknown` too).
  if (types === undefined) return "z.unknown()";
  const nonNull = types.filter((type) => type !== "null");
  const options = nonNull.map((type) => emitType(type, schema, pointer, context));
  if (options.length === 0) return "z.null()";
  const expression =
    options.length === 1 ? (options[0] as string) : list("z.union([", options, "])");
  return types.includes("null") ? `${expression}.nullable()` : expression;
}

function emitType(
  type: Exclude<JsonType, "null">,
  schema: SchemaObject,
  pointer: string,
  context: ZodEmitContext,
): string {
  switch (type) {
    case "string":
      return emitString(schema, context);
    case "integer":
    case "number": {
      // int64 stays z.int(): a JSON number beyond 2^53 has already lost precision in
      // JSON.parse, so the safe-integer range is the honest limit in JavaScript.
      const base =
        type === "number" ? "z.number()" : schema.format === "int32" ? "z.int32()" : "z.int()";
      return base + bounds(schema, "minimum", "maximum");
    }
    case "boolean":
      return "z.boolean()";
    case "array": {
      const items = isJsonObject(schema.items)
        ? emitSchema(schema.items, childPointer(pointer, "items"), context, true)
        : "z.unknown()";
      return `z.array(${items})${bounds(schema, "minItems", "maxItems")}`;
    }
    case "object":
      return emitObject(schema, pointer, context);
  }
}

function bounds(schema: SchemaObject, min: string, max: string): string {
  let checks = "";
  if (typeof schema[min] === "number") checks += `.min(${schema[min]})`;
  if (typeof schema[max] === "number") checks += `.max(${schema[max]})`;
  return checks;
}

function emitString(schema: SchemaObject, context: ZodEmitContext): string {
  let expression = "z.string()";
  // JSON Schema patterns are unanchored ECMA-262 regexes with Unicode semantics, which is
  // exactly RegExp#test with the "u" flag (the same reading as Ajv and Prism).
  if (typeof schema.pattern === "string") {
    expression += `.regex(new RegExp(${JSON.stringify(schema.pattern)}, "u"))`;
  }
  // Lengths count code points (JSON Schema); zod's .min()/.max() would count UTF-16 units.
  const checks: string[] = [];
  if (typeof schema.minLength === "number") {
    context.helpers.add("minCodePoints");
    checks.push(`minCodePoints(${schema.minLength})`);
  }
  if (typeof schema.maxLength === "number") {
    context.helpers.add("maxCodePoints");
    checks.push(`maxCodePoints(${schema.maxLength})`);
  }
  return checks.length === 0 ? expression : `${expression}.check(${checks.join(", ")})`;
}

/** True when `schema` is a `$ref` whose target (followed through `$ref` chains) has a default. */
function refHasDefault(schema: SchemaObject, document: OpenApiDocument): boolean {
  const seen = new Set<unknown>();
  let current: unknown = schema;
  while (isJsonObject(current) && typeof current.$ref === "string" && !seen.has(current.$ref)) {
    seen.add(current.$ref);
    current = resolvePointer(document, current.$ref);
    if (isJsonObject(current) && "default" in current) return true;
  }
  return false;
}

function emitObject(schema: SchemaObject, pointer: string, context: ZodEmitContext): string {
  // additionalProperties: false rejects unknown keys; absent or true lets them through.
  const factory = schema.additionalProperties === false ? "z.strictObject" : "z.looseObject";
  const properties = isJsonObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const lines: string[] = [];
  for (const [key, property] of Object.entries(properties)) {
    const at = childPointer(pointer, "properties", key);
    if (!isJsonObject(property)) {
      throw new UnsupportedSchemaError(at, "boolean schemas are not supported.");
    }
    const value = emitProperty(property, at, required.has(key), context);
    lines.push(`${docComment(property, "  ")}  ${propertyKey(key)}: ${indentTail(value)},`);
  }
  return lines.length === 0 ? `${factory}({})` : `${factory}({\n${lines.join("\n")}\n})`;
}

function emitProperty(
  property: SchemaObject,
  pointer: string,
  required: boolean,
  context: ZodEmitContext,
): string {
  const inheritsDefault = refHasDefault(property, context.document);
  // A default can only apply to a key that may be absent. On a required key it never
  // applies, so it is left out (JSON Schema validates the same values either way).
  let expression = emitSchema(property, pointer, context, !required);
  if (required && inheritsDefault) return `${expression}.unwrap()`;
  if (!required && !("default" in property) && !inheritsDefault) {
    // exactOptional: the key may be absent, but if present it must hold a valid value, not
    // `undefined`. That is `key?: T` under exactOptionalPropertyTypes, as openapi-typescript
    // writes it; z.optional would give `key?: T | undefined`.
    expression = `z.exactOptional(${expression})`;
  }
  return expression;
}

/** Indents every line but the first, to nest a multi-line expression one level deeper. */
function indentTail(text: string): string {
  return text.replaceAll("\n", "\n  ");
}

/** `open a, b, close` on one line when short, otherwise one item per line. */
function list(open: string, items: readonly string[], close: string): string {
  const oneLine = `${open}${items.join(", ")}${close}`;
  if (oneLine.length <= 80 && !oneLine.includes("\n")) return oneLine;
  return `${open}\n${items.map((item) => `  ${indentTail(item)},`).join("\n")}\n${close}`;
}
