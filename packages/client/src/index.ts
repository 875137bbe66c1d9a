// @simlessly/client: typed clients of the Simlessly RSP, eIM and CMP APIs on openapi-fetch.
// Validation with zod is opt-in through `@simlessly/client/validation`, so this entry point
// bundles without zod.

export {
  eimKeyAliases,
  type KeyAliases,
  type NormalizedBody,
  normalizeEnvelope,
  rspKeyAliases,
} from "./answers/normalize-envelope.ts";
export { normalizeProfileStatusNotification } from "./answers/normalize-profile-status-notification.ts";
export { isValidationMode, type ValidationMode } from "./answers/response-validation.ts";
export {
  createSchemaValidator,
  type SchemaLike,
  type SchemaValidator,
} from "./answers/schema-validator.ts";
export type { ValidationIssue } from "./answers/validation-issue.ts";
export { type CmpClient, type CmpClientOptions, createCmpClient } from "./clients/cmp-client.ts";
export { createEimClient, type EimClient, type EimClientOptions } from "./clients/eim-client.ts";
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
} from "./clients/operation-types.ts";
export { lastPageNumber, type PageWalk } from "./clients/pagination.ts";
export type { ClientOptions } from "./clients/product-client.ts";
export {
  type ConfigPage,
  createRspClient,
  type ProfileLogPage,
  type RspClient,
  type RspClientOptions,
} from "./clients/rsp-client.ts";
export { SimlesslyApiError, type SimlesslyApiErrorInit } from "./errors/api-error.ts";
export {
  SimlesslyConnectionError,
  type SimlesslyConnectionErrorInit,
} from "./errors/connection-error.ts";
export { isCredentialsRefused } from "./errors/credentials-refused.ts";
export { simlesslyErrorBrand } from "./errors/error-brand.ts";
export { findIccids } from "./errors/iccids.ts";
export {
  SimlesslyInvalidRequestError,
  type SimlesslyInvalidRequestErrorInit,
} from "./errors/invalid-request-error.ts";
export {
  type InvalidResponseReason,
  SimlesslyInvalidResponseError,
  type SimlesslyInvalidResponseErrorInit,
} from "./errors/invalid-response-error.ts";
export { isSimlesslyError } from "./errors/is-simlessly-error.ts";
export type { RefusedRedirect } from "./errors/refused-redirect.ts";
export { SimlesslyError, type SimlesslyErrorContext } from "./errors/simlessly-error.ts";
export {
  SimlesslyTimeoutError,
  type SimlesslyTimeoutErrorInit,
  type TimeoutScope,
} from "./errors/timeout-error.ts";
export {
  SimlesslyUnknownOutcomeError,
  type SimlesslyUnknownOutcomeErrorInit,
  type UnknownOutcomeReason,
} from "./errors/unknown-outcome-error.ts";
export { isLogLevel, type Logger, type LogLevel } from "./logging/logger.ts";
export {
  createRedactor,
  type Redactor,
  type RedactorOptions,
  redactedMarker,
  secretHeaderNames,
} from "./logging/redactor.ts";
export type {
  AttemptAnswer,
  AttemptFailureKind,
  AttemptHooks,
  AttemptRequest,
  AttemptRetry,
} from "./transport/attempt-hooks.ts";
export { isLoopbackHost } from "./transport/base-url.ts";
export type { Clock } from "./transport/clock.ts";
export {
  createRetryBudget,
  type RetryBudget,
  type RetryBudgetOptions,
} from "./transport/retry-budget.ts";
export type { RetryOptions } from "./transport/retry-policy.ts";
export type { FetchLike } from "./transport/send-attempt.ts";
