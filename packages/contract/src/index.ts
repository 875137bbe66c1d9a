// @simlessly/contract: the Simlessly RSP, eIM and CMP contracts as TypeScript types (for
// openapi-fetch), zod schemas and metadata, all generated from @simlessly/spec.
//
// Each product's schemas and metadata are exported as one namespace object
// (`rspSchemas.GenerateAcRequest`, `eimMetadata.operations`). The three products reuse schema
// names (Iccid, Eid, ...), so flat named exports would collide, and a namespace import keeps
// every name reachable while bundlers can still drop the unused ones.

import * as cmpMetadata from "./generated/cmp/metadata.ts";
import * as cmpSchemas from "./generated/cmp/schemas.ts";
import * as eimMetadata from "./generated/eim/metadata.ts";
import * as eimSchemas from "./generated/eim/schemas.ts";
import * as rspMetadata from "./generated/rsp/metadata.ts";
import * as rspSchemas from "./generated/rsp/schemas.ts";

export {
  type EimBatchResultReason,
  type EimErrorInfo,
  type EimErrorLookup,
  type EimErrorName,
  eimBatchResultReasons,
  eimErrorCodes,
  findEimError,
  isEimBatchResultReason,
  isKnownEimErrorCode,
  type KnownEimErrorCode,
} from "./eim-errors.ts";
export type {
  components as CmpComponents,
  operations as CmpOperations,
  paths as CmpPaths,
} from "./generated/cmp/types.ts";
export type {
  components as EimComponents,
  operations as EimOperations,
  paths as EimPaths,
  webhooks as EimWebhooks,
} from "./generated/eim/types.ts";
export type {
  components as RspComponents,
  operations as RspOperations,
  paths as RspPaths,
  webhooks as RspWebhooks,
} from "./generated/rsp/types.ts";
export type {
  BatchLimit,
  ErrorCodeInfo,
  HttpMethod,
  OperationInfo,
  WebhookInfo,
} from "./metadata-types.ts";
export type { CmpSchema, EimSchema, RspSchema } from "./schema-types.ts";
// Per product: `<product>Schemas` (one zod schema per named schema of the spec) and
// `<product>Metadata` (operations, webhooks, secret paths, batch limits; eIM adds the error
// catalog).
export { cmpMetadata, cmpSchemas, eimMetadata, eimSchemas, rspMetadata, rspSchemas };
