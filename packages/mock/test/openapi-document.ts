// Reads what the contract tests need from a bundled OpenAPI document: the operations,
// their example requests, response schema names and security headers.
import { readFileSync } from "node:fs";
import { documentPath, type Product } from "../src/documents.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** One operation of a document, with what a test needs to call it. */
export interface DocumentOperation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly exampleRequest: JsonObject;
  /** The request body's required top-level fields (empty when the body is a union). */
  readonly requiredFields: string[];
  readonly successSchemaName: string;
  readonly securityHeaders: Record<string, string>;
}

/** Loads a product's bundled document and lists its operations. */
export function loadOperations(product: Product): DocumentOperation[] {
  const document = JSON.parse(readFileSync(documentPath(product), "utf8")) as JsonObject;
  const resolve = (node: Json | undefined): JsonObject => {
    const object = asObject(node);
    const ref = object.$ref;
    if (typeof ref !== "string") return object;
    let target: Json | undefined = document;
    for (const segment of ref.replace(/^#\//, "").split("/")) {
      target = asObject(target)[segment.replaceAll("~1", "/").replaceAll("~0", "~")];
    }
    return resolve(target);
  };
  const globalSecurity = document.security;
  const schemes = asObject(asObject(document.components).securitySchemes);

  const operations: DocumentOperation[] = [];
  for (const [path, pathItem] of Object.entries(asObject(document.paths))) {
    for (const [method, rawOperation] of Object.entries(asObject(pathItem))) {
      const operation = asObject(rawOperation);
      const media = resolve(asObject(resolve(operation.requestBody).content)["application/json"]);
      const firstExample = Object.values(asObject(media.examples))[0];
      const success = resolve(asObject(operation.responses)["200"]);
      const successSchema = asObject(
        asObject(asObject(success.content)["application/json"]).schema,
      );
      const security = (operation.security ?? globalSecurity ?? []) as JsonObject[];
      operations.push({
        operationId: String(operation.operationId),
        method: method.toUpperCase(),
        path,
        exampleRequest: asObject(resolve(firstExample).value),
        requiredFields: (resolve(media.schema).required ?? []) as string[],
        successSchemaName: String(successSchema.$ref).split("/").pop() ?? "",
        securityHeaders: securityHeadersFor(security, schemes),
      });
    }
  }
  return operations;
}

// Prism checks only that the credentials are present, so any value will do.
function securityHeadersFor(
  requirements: JsonObject[],
  schemes: JsonObject,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of Object.keys(requirements[0] ?? {})) {
    const scheme = asObject(schemes[name]);
    if (scheme.type === "apiKey" && scheme.in === "header") {
      headers[String(scheme.name)] = "placeholder";
    } else if (scheme.type === "http" && scheme.scheme === "bearer") {
      headers.Authorization = "Bearer placeholder";
    } else {
      throw new Error(`unsupported security scheme ${name}`);
    }
  }
  return headers;
}

function asObject(node: Json | undefined): JsonObject {
  if (node === null || typeof node !== "object" || Array.isArray(node)) {
    throw new Error(`expected an object in the OpenAPI document, got ${JSON.stringify(node)}`);
  }
  return node;
}
