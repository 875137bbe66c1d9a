// A `default` makes zod's input type differ from its output type (optional in, present out),
// while openapi-typescript writes one type. The parity check needs to know where that happens.
import { namedSchemas, type OpenApiDocument, type SchemaObject } from "./openapi-document.ts";
import { referencedSchemaNames, subschemas } from "./schema-refs.ts";

function hasInlineDefault(schema: SchemaObject): boolean {
  return "default" in schema || subschemas(schema).some(hasInlineDefault);
}

/**
 * The named schemas with a `default` somewhere inside them or inside a schema they reference
 * (a slight over-approximation: a default on a required key is not emitted).
 */
export function schemasWithDefaults(document: OpenApiDocument): Set<string> {
  const schemas = namedSchemas(document);
  const result = new Set(
    schemas.filter(([, schema]) => hasInlineDefault(schema)).map(([name]) => name),
  );
  const references = new Map(
    schemas.map(([name, schema]) => [
      name,
      referencedSchemaNames(schema, `#/components/schemas/${name}`),
    ]),
  );
  // Spread along references until nothing changes (handles chains and cycles alike).
  let changed = true;
  while (changed) {
    changed = false;
    for (const [name, targets] of references) {
      if (!result.has(name) && [...targets].some((target) => result.has(target))) {
        result.add(name);
        changed = true;
      }
    }
  }
  return result;
}
