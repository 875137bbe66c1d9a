// @simlessly/codegen: turns a bundled OpenAPI 3.1 document into zod schemas, parity
// assertions and contract metadata. @simlessly/contract's generate script is the user.

export { type DependencyOrder, dependencyOrder } from "./dependency-order.ts";
export { type EmitMetadataModuleOptions, emitMetadataModule } from "./emit-metadata-module.ts";
export { type EmitParityModuleOptions, emitParityModule } from "./emit-parity-module.ts";
export { type EmitZodModuleOptions, emitZodModule } from "./emit-zod-module.ts";
export { emitZodSchema, type ZodEmitContext, type ZodHelper } from "./emit-zod-schema.ts";
export {
  type ErrorCatalog,
  type ErrorCatalogSchemas,
  type ErrorCodeInfo,
  extractErrorCatalog,
} from "./extract-error-catalog.ts";
export {
  extractOperations,
  type HttpMethod,
  httpMethods,
  type OperationInfo,
  type OperationMetadata,
  type WebhookInfo,
} from "./extract-operations.ts";
export { type BatchLimit, findBatchLimits } from "./find-batch-limits.ts";
export { findSecretPaths, type SecretPaths } from "./find-secret-paths.ts";
export { generatedHeader } from "./generated-header.ts";
export {
  asOpenApiDocument,
  type JsonValue,
  namedSchemas,
  type OpenApiDocument,
  type SchemaObject,
} from "./openapi-document.ts";
export { schemasWithDefaults } from "./schemas-with-defaults.ts";
export { annotationKeywords, supportedFormats, supportedKeywords } from "./supported-keywords.ts";
export { UnsupportedSchemaError } from "./unsupported-schema-error.ts";
