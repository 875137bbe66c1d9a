// Where the request bodies of the three products hold numbers, read from the bundled
// contracts, so that the tolerance for numeric strings (numeric-strings.ts) follows the spec
// instead of a hand-kept list: a new numeric field is covered the day it is added.
import { readFileSync } from "node:fs";
import { cmpMetadata, eimMetadata, rspMetadata } from "@simlessly/contract";
import { documentPath } from "../../documents.ts";
import type { ProductName } from "../router/routes.ts";
import { type FieldPath, isJsonObject } from "./body-paths.ts";

type Schema = Readonly<Record<string, unknown>>;

/** The paths of every `type: integer` or `type: number` value inside the named schema. */
export function numericFieldPaths(document: unknown, schemaName: string): FieldPath[] {
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
  // there (no request is recursive), while a schema reused elsewhere is read again.
  const visit = (schema: Schema | undefined, path: FieldPath, seen: ReadonlySet<string>) => {
    if (schema === undefined) return;
    if (typeof schema.$ref === "string") {
      const name = schema.$ref.replace("#/components/schemas/", "");
      if (!seen.has(name)) visit(named(name), path, new Set([...seen, name]));
      return;
    }
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (types.includes("integer") || types.includes("number")) found.push(path);
    if (isJsonObject(schema.properties)) {
      for (const [key, property] of Object.entries(schema.properties)) {
        if (isJsonObject(property)) visit(property, [...path, key], seen);
      }
    }
    if (isJsonObject(schema.items)) visit(schema.items, [...path, "[]"], seen);
    for (const keyword of ["oneOf", "anyOf", "allOf"]) {
      const branches = schema[keyword];
      if (Array.isArray(branches)) {
        for (const branch of branches) if (isJsonObject(branch)) visit(branch, path, seen);
      }
    }
  };
  visit(named(schemaName), [], new Set([schemaName]));
  // A field in several union branches (`oneOf`) is listed once.
  const unique = new Map(found.map((path) => [path.join("\u0000"), path]));
  return [...unique.values()];
}

const metadata = { rsp: rspMetadata, eim: eimMetadata, cmp: cmpMetadata } as const;
const cached = new Map<ProductName, ReadonlyMap<string, readonly FieldPath[]>>();

/** Per operation id of a product, the numeric paths of its request body (read once). */
export function numericFields(product: ProductName): ReadonlyMap<string, readonly FieldPath[]> {
  let fields = cached.get(product);
  if (fields === undefined) {
    const document: unknown = JSON.parse(readFileSync(documentPath(product), "utf8"));
    const operations: readonly { operationId: string; requestSchema: string | null }[] =
      metadata[product].operations;
    fields = new Map(
      operations.map((operation) => [
        operation.operationId,
        operation.requestSchema === null
          ? []
          : numericFieldPaths(document, operation.requestSchema),
      ]),
    );
    cached.set(product, fields);
  }
  return fields;
}
