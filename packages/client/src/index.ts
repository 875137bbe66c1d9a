// @simlessly/client: typed clients of the Simlessly RSP, eIM and CMP APIs on openapi-fetch.
// Validation with zod is opt-in through `@simlessly/client/validation`, so this entry point
// bundles without zod.

export { SimlesslyApiError, type SimlesslyApiErrorInit } from "./api-error.ts";
export { isLoopbackHost } from "./base-url.ts";
export type { Clock } from "./clock.ts";
export { type CmpClient, type CmpClientOptions, createCmpClient } from "./cmp-client.ts";
export {
  SimlesslyConnectionError,
  type SimlesslyConnectionErrorInit,
} from "./connection-error.ts";
export { isCredentialsRefused } from "./credentials-refused.ts";
export { createEimClient, type EimClient, type EimClientOptions } from "./eim-client.ts";
export { isSimlesslyError, simlesslyErrorBrand } from "./error-brand.ts";
export { findIccids } from "./iccids.ts";
export {
  SimlesslyInvalidRequestError,
  type SimlesslyInvalidRequestErrorInit,
} from "./invalid-request-error.ts";
export {
  type InvalidResponseReason,
  SimlesslyInvalidResponseError,
  type SimlesslyInvalidResponseErrorInit,
} from "./invalid-response-error.ts";
export { isLogLevel, type Logger, type LogLevel } from "./logger.ts";
export {
  eimKeyAliases,
  type KeyAliases,
  type NormalizedBody,
  normalizeEnvelope,
  rspKeyAliases,
} from "./normalize-envelope.ts";
export { normalizeProfileStatusNotification } from "./normalize-profile-status-notification.ts";
export type {
  AnswerOf,
  CallOptions,
  CmpData,
  CmpMethods,
  CmpOperationId,
  CmpRequest,
  EimData,
  EimMethods,
  EimOperationId,
  EimRequest,
  EnvelopeDataOf,
  OperationMethod,
  RequestBodyOf,
  RspData,
  RspMethods,
  RspOperationId,
  RspRequest,
} from "./operation-types.ts";
export { lastPageNumber, type PageWalk } from "./pagination.ts";
export type { ClientOptions } from "./product-client.ts";
export {
  createRedactor,
  type Redactor,
  type RedactorOptions,
  redactedMarker,
  secretHeaderNames,
} from "./redactor.ts";
export type { RefusedRedirect } from "./redirect.ts";
export { isValidationMode, type ValidationMode } from "./response-validation.ts";
export { createRetryBudget, type RetryBudget, type RetryBudgetOptions } from "./retry-budget.ts";
export type { RetryOptions } from "./retry-policy.ts";
export {
  type ConfigPage,
  createRspClient,
  type ProfileLogPage,
  type RspClient,
  type RspClientOptions,
} from "./rsp-client.ts";
export {
  createSchemaValidator,
  type SchemaLike,
  type SchemaValidator,
} from "./schema-validator.ts";
export type { FetchLike } from "./send-attempt.ts";
export { SimlesslyError, type SimlesslyErrorContext } from "./simlessly-error.ts";
export {
  SimlesslyTimeoutError,
  type SimlesslyTimeoutErrorInit,
  type TimeoutScope,
} from "./timeout-error.ts";
export {
  SimlesslyUnknownOutcomeError,
  type SimlesslyUnknownOutcomeErrorInit,
  type UnknownOutcomeReason,
} from "./unknown-outcome-error.ts";
export type { ValidationIssue } from "./validation-issue.ts";
