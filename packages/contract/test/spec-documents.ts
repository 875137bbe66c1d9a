// The bundled spec documents and the generated zod schemas, by product, for the tests.
import { readFileSync } from "node:fs";
import type { OpenApiDocument } from "@simlessly/codegen";
import type { z } from "zod";
import { type Product, products, specPath } from "../scripts/generate.ts";
import * as cmpSchemas from "../src/generated/cmp/schemas.ts";
import * as eimSchemas from "../src/generated/eim/schemas.ts";
import * as rspSchemas from "../src/generated/rsp/schemas.ts";

export { type Product, products };

/** The bundled document of each product. */
export const documents: Record<Product, OpenApiDocument> = Object.fromEntries(
  products.map((product) => [product, JSON.parse(readFileSync(specPath(product), "utf8"))]),
) as Record<Product, OpenApiDocument>;

/** The generated zod schemas of each product, by schema name. */
export const zodSchemas: Record<Product, Readonly<Record<string, z.ZodType>>> = {
  rsp: rspSchemas,
  eim: eimSchemas,
  cmp: cmpSchemas,
};

type JsonObject = { readonly [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows a local `#/...` reference. */
export function resolve(document: OpenApiDocument, value: unknown): unknown {
  if (!isObject(value) || typeof value.$ref !== "string") return value;
  let current: unknown = document;
  for (const token of value.$ref.slice(2).split("/")) {
    const key = token.replaceAll("~1", "/").replaceAll("~0", "~");
    current = isObject(current) ? current[key] : undefined;
  }
  return resolve(document, current);
}

/** One example of a request body, response body, webhook payload or named schema. */
export interface SpecExample {
  readonly product: Product;
  /** Where the example is, e.g. `paths /a post requestBody fullRecord`. */
  readonly where: string;
  readonly schemaName: string;
  readonly value: unknown;
}

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function bodyExamples(
  product: Product,
  document: OpenApiDocument,
  body: unknown,
  where: string,
): SpecExample[] {
  const resolved = resolve(document, body);
  if (!isObject(resolved) || !isObject(resolved.content)) return [];
  const found: SpecExample[] = [];
  for (const [mediaType, media] of Object.entries(resolved.content)) {
    if (!isObject(media) || !isObject(media.schema) || typeof media.schema.$ref !== "string")
      continue;
    const schemaName = media.schema.$ref.replace("#/components/schemas/", "");
    if ("example" in media) {
      found.push({
        product,
        where: `${where} ${mediaType} example`,
        schemaName,
        value: media.example,
      });
    }
    for (const [name, example] of Object.entries(isObject(media.examples) ? media.examples : {})) {
      const value = resolve(document, example);
      if (isObject(value) && "value" in value) {
        found.push({
          product,
          where: `${where} ${mediaType} ${name}`,
          schemaName,
          value: value.value,
        });
      }
    }
  }
  return found;
}

/** Every request, response and webhook example of a product, plus named schemas' `examples`. */
export function specExamples(product: Product): SpecExample[] {
  const document = documents[product];
  const found: SpecExample[] = [];
  const operations = [
    ...Object.entries(document.paths ?? {}).map(([path, item]) => [`paths ${path}`, item] as const),
    ...Object.entries(document.webhooks ?? {}).map(
      ([name, item]) => [`webhooks ${name}`, item] as const,
    ),
  ];
  for (const [where, item] of operations) {
    const pathItem = resolve(document, item);
    if (!isObject(pathItem)) continue;
    for (const method of methods) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      found.push(
        ...bodyExamples(product, document, operation.requestBody, `${where} ${method} requestBody`),
      );
      for (const [status, response] of Object.entries(
        isObject(operation.responses) ? operation.responses : {},
      )) {
        found.push(...bodyExamples(product, document, response, `${where} ${method} ${status}`));
      }
    }
  }
  for (const [schemaName, schema] of Object.entries(document.components?.schemas ?? {})) {
    const examples = Array.isArray(schema.examples) ? schema.examples : [];
    examples.forEach((value, index) => {
      found.push({ product, where: `schema ${schemaName} examples/${index}`, schemaName, value });
    });
  }
  return found;
}
