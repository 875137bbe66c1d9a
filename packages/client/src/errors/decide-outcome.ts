// The one place that decides how a call ends, from the facts of its last attempt: whether it
// was sent, the HTTP status, what the body said, and whether the operation only reads. The
// rule that matters: for an operation that changes state, any end after which the request
// may have been processed without an answer saying so (a lost connection, a timeout, an abort
// in flight, a redirect, a 5xx, an unreadable 2xx) is SimlesslyUnknownOutcomeError, never an
// error that might read as "nothing happened". Whether to try again is decided before, by the
// retry policy; this decides only what the caller gets once no attempt follows.
import type { EimErrorLookup } from "@simlessly/contract";
import type { AnswerBody } from "../answers/read-answer.ts";
import type { EnvelopeKind } from "../answers/read-envelope.ts";
import type { OperationEntry } from "../operation-table.ts";
import { SimlesslyApiError } from "./api-error.ts";
import type { AttemptFailure } from "./attempt-failure.ts";
import { SimlesslyConnectionError } from "./connection-error.ts";
import { SimlesslyInvalidResponseError } from "./invalid-response-error.ts";
import type { RefusedRedirect } from "./refused-redirect.ts";
import type { SimlesslyError } from "./simlessly-error.ts";
import { SimlesslyTimeoutError } from "./timeout-error.ts";
import { SimlesslyUnknownOutcomeError } from "./unknown-outcome-error.ts";

/** How the last attempt of a call ended. */
export type CallOutcome =
  | {
      /** No answer to read: never sent, lost, timed out, aborted, or a redirect not followed. */
      readonly kind: "no-answer";
      readonly failure: Exclude<AttemptFailure, { kind: "http" }>;
      readonly cause: unknown;
      readonly systemCode: string | null;
      /** For a timeout: the limit that ran out. */
      readonly limitMs: number;
    }
  | {
      /** An answer with a status outside 2xx (a redirect excepted: see `no-answer`). */
      readonly kind: "error-status";
      readonly httpStatus: number;
      /** The code and message its body names, if any (see describeErrorBody). */
      readonly code: string | number | null;
      readonly message: string;
      /** For 429: how long the server asked to wait, when it said so. */
      readonly retryAfterMs: number | null;
    }
  | {
      /** A 2xx answer. */
      readonly kind: "answer";
      readonly httpStatus: number;
      readonly body: AnswerBody;
    };

/** What is known about the call besides its outcome. */
export interface OutcomeContext {
  readonly operation: Pick<OperationEntry, "operationId" | "readOnly">;
  readonly requestId: string | null;
  readonly attempts: number;
  readonly envelope: EnvelopeKind;
  /** The request's ICCIDs, read only when an unknown outcome needs them. */
  readonly iccids: () => string[];
  /** Scrubs known secrets (and those of this request) from a server message. */
  readonly scrub: (text: string) => string;
  /** Looks a numeric envelope code up in the product's error catalog (eIM). */
  readonly catalog?: ((code: number) => EimErrorLookup) | undefined;
}

/** How the call ends. */
export type Verdict =
  | { readonly kind: "data"; readonly data: unknown }
  | { readonly kind: "error"; readonly error: SimlesslyError }
  /** A read-only call aborted by its caller: it rejects with the caller's own reason. */
  | { readonly kind: "caller-abort" };

/** How a call ends that brought no data. */
export type Failure = Exclude<Verdict, { kind: "data" }>;

const error = (value: SimlesslyError): Failure => ({ kind: "error", error: value });

/** Decides how a call ends from the outcome of its last attempt. */
export function decideOutcome(
  outcome: Exclude<CallOutcome, { kind: "answer" }>,
  context: OutcomeContext,
): Failure;
export function decideOutcome(outcome: CallOutcome, context: OutcomeContext): Verdict;
export function decideOutcome(outcome: CallOutcome, context: OutcomeContext): Verdict {
  switch (outcome.kind) {
    case "no-answer":
      return withoutAnswer(outcome, context);
    case "error-status":
      return withErrorStatus(outcome, context);
    case "answer":
      return withAnswer(outcome, context);
  }
}

function common(context: OutcomeContext) {
  const { operation, requestId, attempts } = context;
  return { operationId: operation.operationId, requestId, attempts };
}

function unknownOutcome(
  context: OutcomeContext,
  reason: SimlesslyUnknownOutcomeError["reason"],
  extra: { cause?: unknown; httpStatus?: number; redirect?: RefusedRedirect } = {},
): Failure {
  return error(
    new SimlesslyUnknownOutcomeError({
      ...common(context),
      ...extra,
      reason,
      iccids: context.iccids(),
    }),
  );
}

function withoutAnswer(
  outcome: Extract<CallOutcome, { kind: "no-answer" }>,
  context: OutcomeContext,
): Failure {
  const { failure, cause } = outcome;
  const { readOnly } = context.operation;
  const known = { ...common(context), cause };
  switch (failure.kind) {
    case "not-sent":
      return error(
        new SimlesslyConnectionError({ ...known, sent: false, systemCode: outcome.systemCode }),
      );
    case "connection-lost":
      return readOnly
        ? error(
            new SimlesslyConnectionError({ ...known, sent: true, systemCode: outcome.systemCode }),
          )
        : unknownOutcome(context, "connection-lost", { cause });
    case "timeout":
      return readOnly
        ? error(
            new SimlesslyTimeoutError({
              ...known,
              scope: failure.scope,
              timeoutMs: outcome.limitMs,
            }),
          )
        : unknownOutcome(context, "timeout", { cause });
    case "aborted":
      return readOnly ? { kind: "caller-abort" } : unknownOutcome(context, "aborted", { cause });
    case "redirect": {
      // Never followed; the server may still have processed the request before redirecting.
      const { redirect } = failure;
      return readOnly
        ? error(
            new SimlesslyApiError({
              ...known,
              httpStatus: redirect.httpStatus,
              code: null,
              serverMessage: "",
              redirect,
            }),
          )
        : unknownOutcome(context, "redirect", { cause, httpStatus: redirect.httpStatus, redirect });
    }
  }
}

function refusal(
  context: OutcomeContext,
  httpStatus: number,
  code: string | number | null,
  message: string,
  retryAfterMs: number | null,
): Failure {
  return error(
    new SimlesslyApiError({
      ...common(context),
      httpStatus,
      code: typeof code === "string" ? code.trim() : code,
      serverMessage: context.scrub(message),
      catalog: typeof code === "number" && context.catalog ? context.catalog(code) : null,
      retryAfterMs,
    }),
  );
}

function withErrorStatus(
  outcome: Extract<CallOutcome, { kind: "error-status" }>,
  context: OutcomeContext,
): Failure {
  const { httpStatus } = outcome;
  // A 5xx says nothing about whether a call that changes state took effect.
  if (httpStatus >= 500 && !context.operation.readOnly) {
    return unknownOutcome(context, "server-error", { httpStatus });
  }
  return refusal(context, httpStatus, outcome.code, outcome.message, outcome.retryAfterMs);
}

function withAnswer(
  outcome: Extract<CallOutcome, { kind: "answer" }>,
  context: OutcomeContext,
): Verdict {
  const { httpStatus, body } = outcome;
  switch (body.kind) {
    case "not-json":
    case "not-an-envelope":
      // An unreadable success may still be one: for a call that changes state, unknown.
      return context.operation.readOnly
        ? error(
            new SimlesslyInvalidResponseError({
              ...common(context),
              httpStatus,
              reason: body.kind,
            }),
          )
        : unknownOutcome(context, "invalid-response", { httpStatus });
    case "refusal":
      return refusal(context, httpStatus, body.code, body.message, null);
    case "data":
      if (body.rejected.length === 0) return { kind: "data", data: body.data };
      return error(
        new SimlesslyInvalidResponseError({
          ...common(context),
          httpStatus,
          reason: "schema",
          issues: body.rejected,
          envelopeSuccess: context.envelope === "none" ? null : true,
        }),
      );
  }
}
