// Every `default` in the spec becomes a zod default, and the default value is valid for its
// own schema (zod never validates a default: it is output, not input).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { documents, isObject, type Product, products, zodSchemas } from "./spec-documents.ts";

interface DefaultCase {
  readonly product: Product;
  readonly where: string;
  readonly value: unknown;
  readonly required: boolean;
  readonly zod: z.ZodType | undefined;
}

/** Steps from a zod schema to the one emitted for a sub-schema, mirroring the JSON walk. */
function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  return schema instanceof z.ZodExactOptional ? (schema.unwrap() as z.ZodType) : schema;
}

function collect(
  product: Product,
  schema: unknown,
  zod: z.ZodType | undefined,
  where: string,
  required: boolean,
  found: DefaultCase[],
): void {
  if (!isObject(schema) || typeof schema.$ref === "string") return;
  if ("default" in schema) found.push({ product, where, value: schema.default, required, zod });
  if (isObject(schema.properties)) {
    const shape = zod instanceof z.ZodObject ? (zod.shape as Record<string, z.ZodType>) : {};
    const requiredKeys = Array.isArray(schema.required) ? schema.required : [];
    for (const [key, property] of Object.entries(schema.properties)) {
      collect(
        product,
        property,
        unwrap(shape[key]),
        `${where}.${key}`,
        requiredKeys.includes(key),
        found,
      );
    }
  }
  if (isObject(schema.items)) {
    const element = zod instanceof z.ZodArray ? (zod.element as z.ZodType) : undefined;
    collect(product, schema.items, element, `${where}[]`, true, found);
  }
}

const cases = products.flatMap((product) => {
  const found: DefaultCase[] = [];
  for (const [name, schema] of Object.entries(documents[product].components?.schemas ?? {})) {
    collect(product, schema, zodSchemas[product][name], `${product} ${name}`, false, found);
  }
  return found;
});

describe("defaults", () => {
  it("exist in the spec", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((entry) => [entry.where, entry] as const))("%s", (_, entry) => {
    if (entry.required) {
      // A default on a required key never applies, so none is emitted.
      expect(entry.zod).not.toBeInstanceOf(z.ZodDefault);
      return;
    }
    expect(entry.zod).toBeInstanceOf(z.ZodDefault);
    const zodDefault = entry.zod as z.ZodDefault<z.ZodType>;
    expect(zodDefault.parse(undefined)).toEqual(entry.value);
    expect(zodDefault.unwrap().safeParse(entry.value).success).toBe(true);
  });
});
