// Finds the property that tells the branches of a oneOf apart, as the RSP and eIM answers
// do with `success: true` / `success: false`. When every branch is an object that requires
// that property with a distinct constant, at most one branch can match any value, so a
// discriminated union (which runs only the branch the value names) accepts exactly what the
// exclusive union accepts, without running every other branch to prove it fails.
import { childPointer } from "./json-pointer.ts";
import { isLiteralValue } from "./literal-check.ts";
import { isJsonObject, type OpenApiDocument, type SchemaObject } from "./openapi-document.ts";
import { schemaRefName } from "./schema-refs.ts";

const compositionKeywords = ["oneOf", "anyOf", "allOf", "not", "if", "$ref"];

// The object schema of a branch (itself, or what a bare `$ref` names), or null.
function objectSchemaOf(
  branch: SchemaObject,
  pointer: string,
  document: OpenApiDocument,
  isDeclared: (name: string) => boolean,
): SchemaObject | null {
  let schema: unknown = branch;
  if ("$ref" in branch) {
    const name = schemaRefName(branch.$ref, childPointer(pointer, "$ref"));
    // A lazily read schema does not show its discriminator when the union is built.
    if (Object.keys(branch).length !== 1 || !isDeclared(name)) return null;
    schema = document.components?.schemas?.[name];
  }
  if (!isJsonObject(schema) || schema.type !== "object" || !isJsonObject(schema.properties)) {
    return null;
  }
  return compositionKeywords.some((keyword) => keyword in schema) ? null : schema;
}

// The constant an object schema requires `name` to be, as JSON text; undefined for none.
function requiredConstant(schema: SchemaObject, name: string): string | undefined {
  const property = (schema.properties as Record<string, unknown>)[name];
  const required = Array.isArray(schema.required) && schema.required.includes(name);
  if (!required || !isJsonObject(property) || "default" in property) return undefined;
  return "const" in property && isLiteralValue(property.const)
    ? JSON.stringify(property.const)
    : undefined;
}

/**
 * The property every branch of the oneOf at `pointer` requires with a constant of its own,
 * or undefined when there is none.
 */
export function findDiscriminator(
  branches: readonly SchemaObject[],
  pointer: string,
  document: OpenApiDocument,
  isDeclared: (name: string) => boolean,
): string | undefined {
  const schemas = branches.map((branch, index) =>
    objectSchemaOf(branch, childPointer(pointer, index), document, isDeclared),
  );
  if (schemas.length < 2 || schemas.some((schema) => schema === null)) return undefined;
  const objects = schemas as SchemaObject[];
  return Object.keys(objects[0]?.properties as object).find((name) => {
    const constants = objects.map((schema) => requiredConstant(schema, name));
    return !constants.includes(undefined) && new Set(constants).size === constants.length;
  });
}
