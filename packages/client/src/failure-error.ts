// Turns the last failed attempt of a call into the error the caller gets. The rule that
// matters: for an operation that changes state, any failure after which the request may have
// been processed becomes SimlesslyUnknownOutcomeError, never a plain timeout or connection error
// that might read as "nothing happened". A redirect, never followed, counts among these: the
// server may have processed the request before redirecting.
import { SimlesslyApiError } from "./api-error.ts";
import { SimlesslyConnectionError } from "./connection-error.ts";
import type { OperationEntry } from "./operation-table.ts";
import type { AttemptFailure } from "./retry-policy.ts";
import type { SimlesslyError } from "./simlessly-error.ts";
import { SimlesslyTimeoutError } from "./timeout-error.ts";
import { SimlesslyUnknownOutcomeError } from "./unknown-outcome-error.ts";

/** What is known about the call when its last attempt failed without a usable answer. */
export interface FailureContext {
  readonly operation: OperationEntry;
  readonly requestId: string | null;
  readonly attempts: number;
  /** The request's ICCIDs, read only when needed. */
  readonly iccids: () => string[];
  readonly cause: unknown;
  readonly systemCode: string | null;
  /** For a timeout: the limit that ran out. */
  readonly limitMs: number;
}

/**
 * The error for a failure that is not an HTTP answer to read (the transport reads those), or
 * undefined for an abort of a call that is safe to abort (the caller then gets the abort reason).
 */
export function errorForFailure(
  failure: Exclude<AttemptFailure, { kind: "http" }>,
  context: FailureContext,
): SimlesslyError | undefined {
  const { operation, requestId, attempts, cause } = context;
  const common = { operationId: operation.operationId, requestId, attempts, cause };
  const unknown = (reason: SimlesslyUnknownOutcomeError["reason"]) =>
    new SimlesslyUnknownOutcomeError({ ...common, reason, iccids: context.iccids() });
  switch (failure.kind) {
    case "not-sent":
      return new SimlesslyConnectionError({
        ...common,
        sent: false,
        systemCode: context.systemCode,
      });
    case "connection-lost":
      return operation.readOnly
        ? new SimlesslyConnectionError({ ...common, sent: true, systemCode: context.systemCode })
        : unknown("connection-lost");
    case "timeout":
      return operation.readOnly
        ? new SimlesslyTimeoutError({ ...common, scope: failure.scope, timeoutMs: context.limitMs })
        : unknown("timeout");
    case "aborted":
      return operation.readOnly ? undefined : unknown("aborted");
    case "redirect": {
      const { redirect } = failure;
      return operation.readOnly
        ? new SimlesslyApiError({
            ...common,
            httpStatus: redirect.httpStatus,
            code: null,
            serverMessage: "",
            redirect,
          })
        : new SimlesslyUnknownOutcomeError({
            ...common,
            reason: "redirect",
            httpStatus: redirect.httpStatus,
            redirect,
            iccids: context.iccids(),
          });
    }
  }
}
