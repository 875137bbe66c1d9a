import { cmpSchemas, eimSchemas, rspSchemas } from "@simlessly/contract";
import type { ZodType } from "zod";
import type { Product } from "../src/documents.ts";

const schemasByProduct: Record<Product, Record<string, unknown>> = {
  rsp: rspSchemas,
  eim: eimSchemas,
  cmp: cmpSchemas,
};

/** The generated zod schema of a product's named response schema. */
export function responseSchemaFor(product: Product, name: string): ZodType {
  const schema = schemasByProduct[product][name];
  if (schema === undefined) throw new Error(`no generated ${product} schema named ${name}`);
  return schema as ZodType;
}
