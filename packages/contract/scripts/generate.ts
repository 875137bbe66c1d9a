// Generates src/generated/<product>/{types,schemas,metadata,parity}.ts from the bundled
// spec documents (@simlessly/spec/<product>.json). Paths are resolved from this file, not
// the working directory, and nothing time-dependent is written, so runs are reproducible.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  asOpenApiDocument,
  emitMetadataModule,
  emitParityModule,
  emitZodModule,
  generatedHeader,
  type OpenApiDocument,
} from "@simlessly/codegen";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";

/** The products of the contract, one spec document each. */
export const products = ["rsp", "eim", "cmp"] as const;

/** One product's name. */
export type Product = (typeof products)[number];

const require = createRequire(import.meta.url);

/** Where the bundled document of a product lives (through the spec package's exports). */
export function specPath(product: Product): string {
  return require.resolve(`@simlessly/spec/${product}.json`);
}

/** Reads a product's bundled document. */
export async function readSpec(product: Product): Promise<OpenApiDocument> {
  return asOpenApiDocument(JSON.parse(await readFile(specPath(product), "utf8")));
}

/** The default output directory: this package's src/generated. */
export const generatedDir = fileURLToPath(new URL("../src/generated/", import.meta.url));

async function typesModule(document: OpenApiDocument, source: string): Promise<string> {
  // defaultNonNullable: false keeps a key with a default optional, as the request sends it;
  // zod's output type then has it present, which parity.ts accounts for.
  // The document was checked by asOpenApiDocument; openapi-typescript has its own typing of it.
  const ast = await openapiTS(document as unknown as OpenAPI3, {
    defaultNonNullable: false,
    silent: true,
  });
  return `${generatedHeader(source)}\n${astToString(ast)}`;
}

/** The generated files of one document, keyed by file name; `source` names it in headers. */
export async function renderDocument(
  document: OpenApiDocument,
  source: string,
): Promise<Record<string, string>> {
  return {
    "types.ts": await typesModule(document, source),
    "schemas.ts": emitZodModule(document, { source, typesModule: "./types.ts" }),
    "metadata.ts": emitMetadataModule(document, { source, typesModule: "../../metadata-types.ts" }),
    "parity.ts": emitParityModule(document, {
      source,
      schemasModule: "./schemas.ts",
      typesModule: "./types.ts",
    }),
  };
}

/** The generated files of one product, keyed by file name. */
export async function generateProduct(product: Product): Promise<Record<string, string>> {
  return renderDocument(await readSpec(product), `@simlessly/spec/${product}.json`);
}

/** Wipes `outDir` and writes every product's files into `<outDir>/<product>/`. */
export async function generate(outDir: string = generatedDir): Promise<void> {
  // Render everything first, so a spec error leaves the previous files in place.
  const rendered = await Promise.all(
    products.map(async (product) => [product, await generateProduct(product)] as const),
  );
  await rm(outDir, { recursive: true, force: true });
  for (const [product, files] of rendered) {
    const dir = join(outDir, product);
    await mkdir(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) {
      await writeFile(join(dir, name), text);
    }
  }
}

if (import.meta.main) {
  await generate(process.argv[2] ?? generatedDir);
}
