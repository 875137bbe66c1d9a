// What a 2xx answer means: data, or a typed error. Split from the transport, which decides
// about attempts; this decides about one answer that arrived.
import type { EimErrorLookup } from "@simlessly/contract";
import { SimlesslyApiError } from "./api-error.ts";
import { findIccidsIn } from "./iccids.ts";
import { SimlesslyInvalidResponseError } from "./invalid-response-error.ts";
import type { LogSink } from "./logger.ts";
import type { NormalizedBody } from "./normalize-envelope.ts";
import type { OperationEntry } from "./operation-table.ts";
import { type EnvelopeKind, readEnvelope } from "./read-envelope.ts";
import { judgeBody, type ValidationMode } from "./response-validation.ts";
import type { SchemaValidator } from "./schema-validator.ts";
import { SimlesslyUnknownOutcomeError } from "./unknown-outcome-error.ts";

/** How answers of a client are read. */
export interface AnswerRules {
  readonly envelope: EnvelopeKind;
  readonly validation: ValidationMode;
  readonly validator: SchemaValidator | undefined;
  readonly log: LogSink;
  /** Looks a numeric envelope code up in the product's error catalog (eIM). */
  readonly catalog?: ((code: number) => EimErrorLookup) | undefined;
}

/** The call an answer belongs to. */
export interface AnswerContext {
  readonly operation: OperationEntry;
  readonly requestId: string | null;
  readonly attempts: number;
  /** The request body as sent, for the ICCIDs of an unknown outcome. */
  readonly body: string | Uint8Array | null;
  /** Scrubs known secrets (and those of this request) from a server message. */
  readonly scrub: (text: string) => string;
}

/** Builds the error for a refusal: a failure envelope or an HTTP error status. */
export function apiErrorFor(
  rules: AnswerRules,
  context: AnswerContext,
  httpStatus: number,
  code: string | number | null,
  message: string,
  retryAfterMs: number | null = null,
): SimlesslyApiError {
  return new SimlesslyApiError({
    operationId: context.operation.operationId,
    requestId: context.requestId,
    attempts: context.attempts,
    httpStatus,
    code: typeof code === "string" ? code.trim() : code,
    serverMessage: context.scrub(message),
    catalog: typeof code === "number" && rules.catalog ? rules.catalog(code) : null,
    retryAfterMs,
  });
}

/**
 * Reads a 2xx answer: returns the data of a success envelope (validated per the mode), or
 * throws SimlesslyApiError (failure envelope), SimlesslyInvalidResponseError (unreadable answer
 * to a read-only call, or a schema violation) or SimlesslyUnknownOutcomeError (unreadable
 * answer to a call that changes state: it may have taken effect).
 */
export function acceptAnswer(
  rules: AnswerRules,
  context: AnswerContext,
  httpStatus: number,
  normalized: NormalizedBody | undefined,
): unknown {
  const { operation, requestId, attempts } = context;
  const { operationId } = operation;
  const common = { operationId, requestId, attempts, httpStatus };
  const unreadable = (reason: "not-json" | "not-an-envelope") =>
    operation.readOnly
      ? new SimlesslyInvalidResponseError({ ...common, reason })
      : new SimlesslyUnknownOutcomeError({
          ...common,
          reason: "invalid-response",
          iccids: findIccidsIn(context.body),
        });
  if (normalized === undefined) throw unreadable("not-json");
  const reading = readEnvelope(rules.envelope, normalized.value);
  if (reading.outcome === "not-an-envelope") throw unreadable("not-an-envelope");

  const verdict = judgeBody(
    rules.validation,
    rules.validator,
    operation.responseSchema,
    normalized.value,
  );
  if (verdict.reported.length > 0) {
    rules.log.log("warn", "simlessly answer has fields outside the contract", {
      operationId,
      requestId,
      fields: verdict.reported.map((issue) => issue.path),
    });
  }
  if (reading.outcome === "failure") {
    // The refusal is what the caller needs; a contract violation in it is only reported.
    if (verdict.rejected.length > 0) {
      rules.log.log("warn", "simlessly failure answer breaks the contract", {
        operationId,
        requestId,
        issues: verdict.rejected,
      });
    }
    throw apiErrorFor(rules, context, httpStatus, reading.code, reading.message);
  }
  if (verdict.rejected.length > 0) {
    throw new SimlesslyInvalidResponseError({
      ...common,
      reason: "schema",
      issues: verdict.rejected,
      envelopeSuccess: rules.envelope === "none" ? null : true,
    });
  }
  return reading.data;
}
