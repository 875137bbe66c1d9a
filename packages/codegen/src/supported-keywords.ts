// The schema keywords the contract may use (spec/README.md, "Conventions"). The emitter
// translates exactly these and throws on anything else, so a keyword added to the spec
// without generator support fails the build instead of being dropped.

/** Keywords that only document a schema; they never change what is valid. */
export const annotationKeywords: ReadonlySet<string> = new Set([
  "title",
  "description",
  "examples",
  "deprecated",
  "x-secret",
  // What no docs page states, with its source (a text); shown in the generated doc comments.
  "x-inferred",
]);

/** Every keyword the zod emitter accepts, annotations included. */
export const supportedKeywords: ReadonlySet<string> = new Set([
  ...annotationKeywords,
  "type",
  "enum",
  "const",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "minItems",
  "maxItems",
  "items",
  "properties",
  "required",
  "additionalProperties",
  "oneOf",
  "anyOf",
  "$ref",
  "default",
  "format",
]);

/** The values `format` may take; both only qualify `type: integer`. */
export const supportedFormats: ReadonlySet<string> = new Set(["int32", "int64"]);

/** The JSON Schema instance types. */
export type JsonType = "string" | "number" | "integer" | "boolean" | "null" | "array" | "object";

/** Which instance types each type-specific keyword constrains (JSON Schema ignores it elsewhere). */
export const keywordTypes: Readonly<Record<string, readonly JsonType[]>> = {
  pattern: ["string"],
  minLength: ["string"],
  maxLength: ["string"],
  minimum: ["integer", "number"],
  maximum: ["integer", "number"],
  format: ["integer"],
  items: ["array"],
  minItems: ["array"],
  maxItems: ["array"],
  properties: ["object"],
  required: ["object"],
  additionalProperties: ["object"],
};
