// Builders for the small OpenAPI documents the unit tests use.
import type { OpenApiDocument, SchemaObject } from "./openapi-document.ts";

/** A document holding only the given named schemas. */
export function documentWith(
  schemas: Record<string, SchemaObject>,
  extra: Partial<OpenApiDocument> = {},
): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: { title: "test", version: "1" },
    ...extra,
    components: { schemas },
  };
}

/** A reference to a named schema. */
export function ref(name: string): SchemaObject {
  return { $ref: `#/components/schemas/${name}` };
}

/** A POST operation with JSON request and response bodies given by schema name. */
export function postOperation(
  operationId: string,
  request: string | null,
  response: string | null,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const body = (name: string) => ({ content: { "application/json": { schema: ref(name) } } });
  return {
    post: {
      operationId,
      ...(request === null ? {} : { requestBody: { required: true, ...body(request) } }),
      responses: {
        "200": response === null ? { description: "ok" } : { description: "ok", ...body(response) },
      },
      ...extra,
    },
  };
}
