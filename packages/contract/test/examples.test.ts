// (a) Every example of every bundled document parses with the matching generated zod
// schema: request bodies, responses, webhook payloads and named schemas' `examples`.
import { describe, expect, it } from "vitest";
import {
  cmpMetadata,
  eimMetadata,
  type OperationInfo,
  rspMetadata,
  type WebhookInfo,
} from "../src/index.ts";
import { type Product, products, specExamples, zodSchemas } from "./spec-documents.ts";

const metadata: Record<
  Product,
  { readonly operations: readonly OperationInfo[]; readonly webhooks: readonly WebhookInfo[] }
> = { rsp: rspMetadata, eim: eimMetadata, cmp: cmpMetadata };

describe.each(products)("%s examples", (product) => {
  const examples = specExamples(product);

  it.each(examples.map((example) => [example.where, example] as const))("%s", (_, example) => {
    const schema = zodSchemas[product][example.schemaName];
    expect(schema, `no zod schema ${example.schemaName}`).toBeDefined();
    expect(schema?.safeParse(example.value).error?.issues ?? []).toEqual([]);
  });

  it("cover every request, response and webhook body (so the cases above are not vacuous)", () => {
    const covered = new Set(examples.map((example) => example.schemaName));
    const bodies = [
      ...metadata[product].operations.flatMap((operation) => [
        operation.requestSchema,
        operation.responseSchema,
      ]),
      ...metadata[product].webhooks.map((webhook) => webhook.payloadSchema),
    ].filter((name): name is string => name !== null);
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.filter((name) => !covered.has(name))).toEqual([]);
  });
});
