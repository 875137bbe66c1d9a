// The parts of an OpenAPI 3.1 document the generators read. They are typed loosely on
// purpose: the input is parsed JSON, and every reader checks the shape it relies on and
// throws with a JSON pointer when it is not there, instead of trusting a cast.

/** A JSON value as it appears in a parsed document (examples, const, enum, default). */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** A JSON Schema object; keywords are read and checked one by one by the emitters. */
export type SchemaObject = { readonly [keyword: string]: unknown };

/** A bundled OpenAPI document: every `$ref` points into the document itself. */
export interface OpenApiDocument {
  readonly openapi?: string;
  readonly paths?: { readonly [path: string]: unknown };
  readonly webhooks?: { readonly [name: string]: unknown };
  readonly components?: {
    readonly schemas?: { readonly [name: string]: SchemaObject };
    readonly [section: string]: unknown;
  };
  readonly [key: string]: unknown;
}

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks the top-level shape of a parsed document and returns it typed. */
export function asOpenApiDocument(value: unknown): OpenApiDocument {
  if (!isJsonObject(value) || typeof value.openapi !== "string") {
    throw new Error("Not an OpenAPI document: the `openapi` version field is missing.");
  }
  if (!value.openapi.startsWith("3.1")) {
    // 3.0 schemas differ (nullable, exclusiveMinimum as boolean); the emitter reads 3.1 only.
    throw new Error(`Only OpenAPI 3.1 documents are supported, got ${value.openapi}.`);
  }
  return value as OpenApiDocument;
}

/** The named schemas of a document in document order (an empty list when there are none). */
export function namedSchemas(document: OpenApiDocument): Array<[string, SchemaObject]> {
  const schemas = document.components?.schemas ?? {};
  return Object.entries(schemas).map(([name, schema]) => {
    if (!isJsonObject(schema)) {
      throw new Error(`#/components/schemas/${name}: a schema must be an object.`);
    }
    return [name, schema];
  });
}
