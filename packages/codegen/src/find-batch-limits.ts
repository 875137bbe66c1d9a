// The item limits of the top-level arrays in request bodies (generateAcByBatch takes 1-200
// records), so clients can split or reject a batch before sending it.

import { extractOperations } from "./extract-operations.ts";
import { childPointer, resolvePointer } from "./json-pointer.ts";
import { isJsonObject, type OpenApiDocument, type SchemaObject } from "./openapi-document.ts";

/** The item limits of one top-level array field of a request body. */
export interface BatchLimit {
  readonly operationId: string;
  /** The request body property holding the array. */
  readonly field: string;
  /** At least this many items (JSON Schema's default is 0). */
  readonly minItems: number;
  /** At most this many items, or null when unbounded. */
  readonly maxItems: number | null;
}

/** Follows `$ref` chains to the schema that says something. */
function dereference(document: OpenApiDocument, schema: SchemaObject): SchemaObject {
  const seen = new Set<string>();
  let current = schema;
  while (typeof current.$ref === "string" && !seen.has(current.$ref)) {
    seen.add(current.$ref);
    const target = resolvePointer(document, current.$ref);
    if (!isJsonObject(target)) throw new Error(`${current.$ref}: expected a schema.`);
    current = target;
  }
  return current;
}

/** The object shapes a request body may take: itself, or each oneOf/anyOf branch. */
function objectShapes(document: OpenApiDocument, schema: SchemaObject): SchemaObject[] {
  const resolved = dereference(document, schema);
  const branches = resolved.oneOf ?? resolved.anyOf;
  if (Array.isArray(branches)) {
    return branches.filter(isJsonObject).flatMap((branch) => objectShapes(document, branch));
  }
  return isJsonObject(resolved.properties) ? [resolved] : [];
}

function isArraySchema(schema: SchemaObject): boolean {
  return schema.type === "array" || (Array.isArray(schema.type) && schema.type.includes("array"));
}

/** Every bounded top-level array of every operation's request body, in operation order. */
export function findBatchLimits(document: OpenApiDocument): BatchLimit[] {
  const limits: BatchLimit[] = [];
  for (const operation of extractOperations(document).operations) {
    if (operation.requestSchema === null) continue;
    const request = { $ref: childPointer("#/components/schemas", operation.requestSchema) };
    const seen = new Set<string>();
    for (const shape of objectShapes(document, request)) {
      for (const [field, property] of Object.entries(shape.properties as object)) {
        if (!isJsonObject(property)) continue;
        const array = dereference(document, property);
        if (
          !isArraySchema(array) ||
          (array.minItems === undefined && array.maxItems === undefined)
        ) {
          continue;
        }
        const limit: BatchLimit = {
          operationId: operation.operationId,
          field,
          minItems: typeof array.minItems === "number" ? array.minItems : 0,
          maxItems: typeof array.maxItems === "number" ? array.maxItems : null,
        };
        // The same field in several branches is listed once per distinct limit.
        const key = JSON.stringify(limit);
        if (!seen.has(key)) limits.push(limit);
        seen.add(key);
      }
    }
  }
  return limits;
}
