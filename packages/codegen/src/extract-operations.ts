// Operation metadata: which named schema is the body of each request, success response and
// error response. Clients, the mock and the CLI read it instead of walking the spec.
import { childPointer, resolvePointer } from "./json-pointer.ts";
import { isJsonObject, type OpenApiDocument } from "./openapi-document.ts";
import { schemaRefName } from "./schema-refs.ts";

/** The HTTP methods of a path item, in the order OpenAPI lists them. */
export const httpMethods = [
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "trace",
] as const;

/** An HTTP method as OpenAPI spells it. */
export type HttpMethod = (typeof httpMethods)[number];

/** One operation of `paths`. */
export interface OperationInfo {
  readonly operationId: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly tags: readonly string[];
  readonly deprecated: boolean;
  readonly summary: string | null;
  /** The named schema of the JSON request body, or null without a body. */
  readonly requestSchema: string | null;
  /** The named schema of the 2xx JSON response body, or null without one. */
  readonly responseSchema: string | null;
  /** The named schema of the `default` (else the first 4xx/5xx) JSON response body, or null. */
  readonly errorSchema: string | null;
  /**
   * True when the operation carries `x-read-only: true`: it changes no state, so a client may
   * send it again after a timeout or a 5xx. Anything else may have taken effect.
   */
  readonly readOnly: boolean;
}

/** One webhook: a call the platform makes to the client. */
export interface WebhookInfo {
  readonly name: string;
  readonly operationId: string;
  readonly method: HttpMethod;
  readonly tags: readonly string[];
  readonly deprecated: boolean;
  readonly summary: string | null;
  /** The named schema of the JSON payload the platform sends, or null without one. */
  readonly payloadSchema: string | null;
}

/** The operations and webhooks of a document. */
export interface OperationMetadata {
  readonly operations: readonly OperationInfo[];
  readonly webhooks: readonly WebhookInfo[];
}

type JsonObject = { readonly [key: string]: unknown };

function follow(document: OpenApiDocument, value: unknown, pointer: string): JsonObject {
  const target =
    isJsonObject(value) && typeof value.$ref === "string"
      ? resolvePointer(document, value.$ref)
      : value;
  if (!isJsonObject(target)) throw new Error(`${pointer}: expected an object.`);
  return target;
}

/** The named schema of a request body or response's JSON content (null without content). */
function jsonBodySchema(document: OpenApiDocument, body: unknown, pointer: string): string | null {
  if (body === undefined) return null;
  const content = follow(document, body, pointer).content;
  if (content === undefined) return null;
  if (!isJsonObject(content)) throw new Error(`${pointer}/content: expected an object.`);
  const mediaTypes = Object.keys(content).filter((type) =>
    /^application\/(.+\+)?json(;|$)/.test(type),
  );
  const [mediaType] = mediaTypes;
  if (mediaType === undefined || mediaTypes.length > 1) {
    throw new Error(
      `${pointer}/content: expected exactly one JSON media type, got ${Object.keys(content).join(", ")}.`,
    );
  }
  const at = childPointer(pointer, "content", mediaType, "schema");
  const media = content[mediaType];
  const schema = isJsonObject(media) ? media.schema : undefined;
  if (!isJsonObject(schema) || schema.$ref === undefined) {
    // The spec's convention: every body is a named schema, so it has a stable name.
    throw new Error(`${at}: bodies must be a $ref to a named schema.`);
  }
  return schemaRefName(schema.$ref, at);
}

function statusSchema(
  document: OpenApiDocument,
  responses: JsonObject,
  pointer: string,
  matches: (status: string) => boolean,
): string | null {
  const statuses = Object.keys(responses).filter(matches).sort();
  for (const status of statuses) {
    const schema = jsonBodySchema(document, responses[status], childPointer(pointer, status));
    if (schema !== null) return schema;
  }
  return null;
}

interface OperationCore {
  readonly operationId: string;
  readonly method: HttpMethod;
  readonly tags: readonly string[];
  readonly deprecated: boolean;
  readonly summary: string | null;
  readonly operation: JsonObject;
}

function operationsOf(document: OpenApiDocument, item: unknown, pointer: string): OperationCore[] {
  const pathItem = follow(document, item, pointer);
  const found: OperationCore[] = [];
  for (const method of httpMethods) {
    const operation = pathItem[method];
    if (operation === undefined) continue;
    const at = childPointer(pointer, method);
    if (!isJsonObject(operation)) throw new Error(`${at}: expected an operation object.`);
    const { operationId, tags = [], deprecated = false, summary = null } = operation;
    if (typeof operationId !== "string" || operationId === "") {
      throw new Error(`${at}: every operation needs an operationId.`);
    }
    if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === "string")) {
      throw new Error(`${at}/tags: expected a list of names.`);
    }
    if (typeof deprecated !== "boolean" || (summary !== null && typeof summary !== "string")) {
      throw new Error(`${at}: deprecated must be a boolean and summary a string.`);
    }
    found.push({ operationId, method, tags, deprecated, summary, operation });
  }
  return found;
}

/** Reads `x-read-only`; anything but a boolean is a spec error, not a silent "no". */
function readOnlyFlag(operation: JsonObject, pointer: string): boolean {
  const flag = operation["x-read-only"] ?? false;
  if (typeof flag !== "boolean") throw new Error(`${pointer}/x-read-only: expected a boolean.`);
  return flag;
}

/** Every operation (paths in document order, methods in OpenAPI order) and webhook. */
export function extractOperations(document: OpenApiDocument): OperationMetadata {
  const operations: OperationInfo[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const pointer = childPointer("#/paths", path);
    for (const core of operationsOf(document, item, pointer)) {
      const { operation } = core;
      const at = childPointer(pointer, core.method);
      const responses = follow(document, operation.responses ?? {}, `${at}/responses`);
      operations.push({
        operationId: core.operationId,
        method: core.method,
        path,
        tags: core.tags,
        deprecated: core.deprecated,
        summary: core.summary,
        requestSchema: jsonBodySchema(document, operation.requestBody, `${at}/requestBody`),
        responseSchema: statusSchema(document, responses, `${at}/responses`, (s) =>
          /^2(\d\d|XX)$/.test(s),
        ),
        errorSchema:
          statusSchema(document, responses, `${at}/responses`, (s) => s === "default") ??
          statusSchema(document, responses, `${at}/responses`, (s) => /^[45](\d\d|XX)$/.test(s)),
        readOnly: readOnlyFlag(operation, at),
      });
    }
  }

  const webhooks: WebhookInfo[] = [];
  for (const [name, item] of Object.entries(document.webhooks ?? {})) {
    const pointer = childPointer("#/webhooks", name);
    for (const core of operationsOf(document, item, pointer)) {
      webhooks.push({
        name,
        operationId: core.operationId,
        method: core.method,
        tags: core.tags,
        deprecated: core.deprecated,
        summary: core.summary,
        payloadSchema: jsonBodySchema(
          document,
          core.operation.requestBody,
          `${childPointer(pointer, core.method)}/requestBody`,
        ),
      });
    }
  }

  const ids = [...operations, ...webhooks].map((entry) => entry.operationId);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate !== undefined) throw new Error(`operationId ${duplicate} is used twice.`);
  return { operations, webhooks };
}
