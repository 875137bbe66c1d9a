// Generates src/generated/<product>.ts: the compact operation tables the clients run on
// (operation id, method, path, body schema names, read-only flag), batch limits and secret
// property names, taken from the bundled spec by the same @simlessly/codegen functions that
// write @simlessly/contract's metadata (a test checks that they agree).
//
// Why not read `rspMetadata` at run time: it is one namespace object, so a bundle that uses
// three of its fields carries all of them (summaries, tags, every schema's secret paths). The
// compact table keeps the browser bundle about 1 kB (min+gzip) smaller.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  asOpenApiDocument,
  extractOperations,
  findBatchLimits,
  findSecretPaths,
  generatedHeader,
} from "@simlessly/codegen";

const products = ["rsp", "eim", "cmp"] as const;
const require = createRequire(import.meta.url);

/** The default output directory: this package's src/generated. */
export const generatedDir = fileURLToPath(new URL("../src/generated/", import.meta.url));

/** The source of one product's module. */
export async function renderProduct(product: (typeof products)[number]): Promise<string> {
  const source = `@simlessly/spec/${product}.json`;
  const document = asOpenApiDocument(JSON.parse(await readFile(require.resolve(source), "utf8")));
  const operations = extractOperations(document).operations.map((operation) => ({
    operationId: operation.operationId,
    method: operation.method,
    path: operation.path,
    requestSchema: operation.requestSchema,
    responseSchema: operation.responseSchema,
    readOnly: operation.readOnly,
  }));
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  return [
    generatedHeader(source).trimEnd(),
    "",
    'import type { BatchLimit } from "@simlessly/contract";',
    'import type { OperationEntry } from "../operation-table.ts";',
    "",
    "/** Every operation: what the transport and the typed methods need of it. */",
    `export const operations = ${json(operations)} as const satisfies readonly (OperationEntry & { readonly method: string })[];`,
    "",
    "/** Item limits of the top-level arrays of request bodies, checked before sending. */",
    `export const batchLimits = ${json(findBatchLimits(document))} as const satisfies readonly BatchLimit[];`,
    "",
    "/** Every property name that holds a secret (`x-secret`) somewhere in the document. */",
    `export const secretPropertyNames = ${json(findSecretPaths(document).propertyNames)} as const satisfies readonly string[];`,
    "",
  ].join("\n");
}

/** Wipes `outDir` and writes one module per product. */
export async function generate(outDir: string = generatedDir): Promise<void> {
  // Render everything first, so a spec error leaves the previous files in place.
  const rendered = await Promise.all(
    products.map(async (product) => [product, await renderProduct(product)] as const),
  );
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  for (const [product, text] of rendered) await writeFile(join(outDir, `${product}.ts`), text);
}

if (import.meta.main) {
  await generate(process.argv[2] ?? generatedDir);
}
