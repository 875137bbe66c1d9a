// Where the RSP request bodies hold integers, read from the bundled contract, so that the
// tolerance for numeric strings (numeric-strings.ts) follows the spec instead of a hand-kept
// list: a new integer field is covered the day it is added.
import { readFileSync } from "node:fs";
import { rspMetadata } from "@simlessly/contract";
import { documentPath } from "../documents.ts";
import { type FieldPath, isJsonObject } from "./body-paths.ts";

type Schema = Readonly<Record<string, unknown>>;

/** The paths of every `type: integer` value inside the named schema of `document`. */
export function integerFieldPaths(document: unknown, schemaName: string): FieldPath[] {
  const schemas =
    isJsonObject(document) && isJsonObject(document.components)
      ? document.components.schemas
      : undefined;
  const named = (name: string): Schema | undefined => {
    const schema = isJsonObject(schemas) ? schemas[name] : undefined;
    return isJsonObject(schema) ? schema : undefined;
  };
  const found: FieldPath[] = [];
  // `seen` holds the schemas on the current path only: a reference back to one of them stops
  // there (no RSP request is recursive), while a schema reused elsewhere is read again.
  const visit = (schema: Schema | undefined, path: FieldPath, seen: ReadonlySet<string>) => {
    if (schema === undefined) return;
    if (typeof schema.$ref === "string") {
      const name = schema.$ref.replace("#/components/schemas/", "");
      if (!seen.has(name)) visit(named(name), path, new Set([...seen, name]));
      return;
    }
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (types.includes("integer")) found.push(path);
    if (isJsonObject(schema.properties)) {
      for (const [key, property] of Object.entries(schema.properties)) {
        if (isJsonObject(property)) visit(property, [...path, key], seen);
      }
    }
    if (isJsonObject(schema.items)) visit(schema.items, [...path, "[]"], seen);
    for (const keyword of ["oneOf", "anyOf"]) {
      const branches = schema[keyword];
      if (Array.isArray(branches)) {
        for (const branch of branches) if (isJsonObject(branch)) visit(branch, path, seen);
      }
    }
  };
  visit(named(schemaName), [], new Set([schemaName]));
  return found;
}

let cached: ReadonlyMap<string, readonly FieldPath[]> | undefined;

/** Per RSP operation id, the integer paths of its request body (read once). */
export function rspIntegerFields(): ReadonlyMap<string, readonly FieldPath[]> {
  if (cached === undefined) {
    const document: unknown = JSON.parse(readFileSync(documentPath("rsp"), "utf8"));
    cached = new Map(
      rspMetadata.operations.map((operation) => [
        operation.operationId,
        operation.requestSchema === null
          ? []
          : integerFieldPaths(document, operation.requestSchema),
      ]),
    );
  }
  return cached;
}
