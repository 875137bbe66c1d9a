// Where secrets sit inside each named schema, read from the `x-secret: true` marker, so
// that logging and error messages can redact them without a hand-kept list.
import { childPointer } from "./json-pointer.ts";
import {
  isJsonObject,
  namedSchemas,
  type OpenApiDocument,
  type SchemaObject,
} from "./openapi-document.ts";
import { schemaRefName } from "./schema-refs.ts";

/** The secret locations of every named schema. */
export interface SecretPaths {
  /**
   * Per named schema (all of them, in document order), the sorted paths of the values that
   * carry `x-secret: true`: `metaDatas[].ki` is the `ki` key of every element of the
   * `metaDatas` array; `""` is the value itself (a secret field schema such as `Ki`).
   */
  readonly bySchema: Readonly<Record<string, readonly string[]>>;
  /** The sorted, distinct property names that hold a secret anywhere in the document. */
  readonly propertyNames: readonly string[];
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

/** Finds the secret paths of every named schema, following $ref, oneOf/anyOf and items. */
export function findSecretPaths(document: OpenApiDocument): SecretPaths {
  const schemas = new Map(namedSchemas(document));
  const propertyNames = new Set<string>();

  const collect = (
    schema: SchemaObject,
    path: string,
    pointer: string,
    stack: readonly string[],
    found: Set<string>,
  ): void => {
    if (schema["x-secret"] === true) {
      // The whole value is secret, so nothing inside it needs listing.
      found.add(path);
      const property = /([^.[\]]+)(\[\])*$/.exec(path)?.[1];
      if (property !== undefined) propertyNames.add(property);
      return;
    }
    if (schema.$ref !== undefined) {
      const name = schemaRefName(schema.$ref, pointer);
      const target = schemas.get(name);
      // A schema that contains itself would give endless paths; its own entry lists them.
      if (target === undefined || stack.includes(name)) return;
      collect(target, path, childPointer("#/components/schemas", name), [...stack, name], found);
      return;
    }
    if (isJsonObject(schema.properties)) {
      for (const [key, property] of Object.entries(schema.properties)) {
        if (isJsonObject(property)) {
          collect(
            property,
            join(path, key),
            childPointer(pointer, "properties", key),
            stack,
            found,
          );
        }
      }
    }
    if (isJsonObject(schema.items)) {
      collect(schema.items, `${path}[]`, childPointer(pointer, "items"), stack, found);
    }
    // Branches describe alternative shapes of the same value: the secrets of each apply.
    for (const keyword of ["oneOf", "anyOf"] as const) {
      const branches = schema[keyword];
      if (!Array.isArray(branches)) continue;
      branches.forEach((branch, index) => {
        if (isJsonObject(branch)) {
          collect(branch, path, childPointer(pointer, keyword, index), stack, found);
        }
      });
    }
  };

  const bySchema: Record<string, readonly string[]> = {};
  for (const [name, schema] of schemas) {
    const found = new Set<string>();
    collect(schema, "", childPointer("#/components/schemas", name), [name], found);
    bySchema[name] = [...found].sort();
  }
  return { bySchema, propertyNames: [...propertyNames].sort() };
}
