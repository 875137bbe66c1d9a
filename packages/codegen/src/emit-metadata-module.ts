// Writes the metadata module of a document: operations, webhooks, secret paths, batch limits
// and (for eIM) the error catalog, as `as const` data.
import { extractErrorCatalog } from "./extract-error-catalog.ts";
import { extractOperations } from "./extract-operations.ts";
import { findBatchLimits } from "./find-batch-limits.ts";
import { findSecretPaths } from "./find-secret-paths.ts";
import { generatedHeader } from "./generated-header.ts";
import type { OpenApiDocument } from "./openapi-document.ts";
import { tsLiteral } from "./ts-literal.ts";

/** Options of {@link emitMetadataModule}. */
export interface EmitMetadataModuleOptions {
  /** The document's name in the do-not-edit header. */
  readonly source?: string;
  /**
   * A module exporting the types OperationInfo, WebhookInfo, BatchLimit and ErrorCodeInfo;
   * when given, each constant is checked against them with `satisfies`.
   */
  readonly typesModule?: string;
}

/** The TypeScript source of the metadata module of a document. */
export function emitMetadataModule(
  document: OpenApiDocument,
  options: EmitMetadataModuleOptions = {},
): string {
  const { operations, webhooks } = extractOperations(document);
  const secrets = findSecretPaths(document);
  const catalog = extractErrorCatalog(document);
  const typed = options.typesModule !== undefined;
  const satisfies = (type: string): string => (typed ? ` as const satisfies ${type}` : " as const");

  const blocks = [generatedHeader(options.source ?? "an OpenAPI document").trimEnd()];
  if (typed) {
    const types = [
      "BatchLimit",
      "OperationInfo",
      "WebhookInfo",
      ...(catalog ? ["ErrorCodeInfo"] : []),
    ];
    blocks.push(
      `import type { ${types.sort().join(", ")} } from ${JSON.stringify(options.typesModule)};`,
    );
  }
  blocks.push(
    `/** Every operation, in document order. */\nexport const operations = ${tsLiteral(operations)}${satisfies("readonly OperationInfo[]")};`,
    `/** Every webhook (calls the platform makes to you). */\nexport const webhooks = ${tsLiteral(webhooks)}${satisfies("readonly WebhookInfo[]")};`,
    [
      "/**",
      " * Per named schema, the paths of the values marked `x-secret: true`: `metaDatas[].ki` is the",
      ' * `ki` key of every `metaDatas` element, `""` the value itself. Redact these before logging.',
      " */",
      `export const secretPaths = ${tsLiteral(secrets.bySchema)}${satisfies("Readonly<Record<string, readonly string[]>>")};`,
    ].join("\n"),
    `/** Every property name that holds a secret somewhere in the document. */\nexport const secretPropertyNames = ${tsLiteral(secrets.propertyNames)}${satisfies("readonly string[]")};`,
    `/** Item limits of the top-level arrays of request bodies. */\nexport const batchLimits = ${tsLiteral(findBatchLimits(document))}${satisfies("readonly BatchLimit[]")};`,
  );
  if (catalog !== null) {
    blocks.push(
      `/** The documented error codes (eIM Appendix 4); the platform may send others. */\nexport const errorCodes = ${tsLiteral(catalog.codes)}${satisfies("readonly ErrorCodeInfo[]")};`,
      `/** Why one item of a batch task failed (eIM Appendix 5), exact strings. */\nexport const batchResultReasons = ${tsLiteral(catalog.batchReasons)}${satisfies("readonly string[]")};`,
    );
  }
  return `${blocks.join("\n\n")}\n`;
}
