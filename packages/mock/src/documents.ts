import { fileURLToPath } from "node:url";

/** The three Simlessly products, each described by one bundled OpenAPI document. */
export const products = ["rsp", "eim", "cmp"] as const;

/** One of the Simlessly products: RSP, eIM or CMP. */
export type Product = (typeof products)[number];

/** Absolute path of a product's bundled OpenAPI document (from `@simlessly/spec`). */
export function documentPath(product: Product): string {
  return fileURLToPath(import.meta.resolve(`@simlessly/spec/${product}.json`));
}

/** Whether a string names one of the products. */
export function isProduct(name: string): name is Product {
  return (products as readonly string[]).includes(name);
}
