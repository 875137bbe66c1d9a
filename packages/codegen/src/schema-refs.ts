// Named schemas reference each other with `#/components/schemas/<Name>`; these helpers turn
// references into names and list which names a schema uses.
import { isJsonObject, type SchemaObject } from "./openapi-document.ts";
import { UnsupportedSchemaError } from "./unsupported-schema-error.ts";

const schemaRefPrefix = "#/components/schemas/";

/** The schema name a `$ref` points at; throws for references anywhere else. */
export function schemaRefName(ref: unknown, pointer: string): string {
  if (typeof ref !== "string" || !ref.startsWith(schemaRefPrefix)) {
    throw new UnsupportedSchemaError(
      pointer,
      `$ref ${JSON.stringify(ref)} must point at ${schemaRefPrefix}<Name> (a bundled document).`,
    );
  }
  const name = ref.slice(schemaRefPrefix.length);
  if (name.includes("/")) {
    throw new UnsupportedSchemaError(pointer, `$ref ${ref} must name a whole schema.`);
  }
  return name.replaceAll("~1", "/").replaceAll("~0", "~");
}

/**
 * The sub-schemas of a schema: property schemas, `items` and the `oneOf`/`anyOf` branches.
 * Only schema positions are walked, never data such as `examples`, `const` or `default`.
 */
export function subschemas(schema: SchemaObject): SchemaObject[] {
  const children: unknown[] = [];
  if (isJsonObject(schema.properties)) children.push(...Object.values(schema.properties));
  if (schema.items !== undefined) children.push(schema.items);
  for (const keyword of ["oneOf", "anyOf"]) {
    const branches = schema[keyword];
    if (Array.isArray(branches)) children.push(...branches);
  }
  return children.filter(isJsonObject);
}

/** The names of the named schemas a schema references, directly or through sub-schemas. */
export function referencedSchemaNames(schema: SchemaObject, pointer: string): Set<string> {
  const names = new Set<string>();
  const visit = (current: SchemaObject): void => {
    if (current.$ref !== undefined) names.add(schemaRefName(current.$ref, pointer));
    for (const child of subschemas(current)) visit(child);
  };
  visit(schema);
  return names;
}
