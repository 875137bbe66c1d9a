// What a 2xx answer's body says: data (and where it breaks the contract), a refusal, or
// nothing readable. Facts only: which error that makes is decided in decide-outcome.ts.
import type { LogSink } from "../logging/logger.ts";
import type { OperationEntry } from "../operation-table.ts";
import type { NormalizedBody } from "./normalize-envelope.ts";
import { type EnvelopeKind, readEnvelope } from "./read-envelope.ts";
import { judgeBody, type ValidationMode } from "./response-validation.ts";
import type { SchemaValidator } from "./schema-validator.ts";
import type { ValidationIssue } from "./validation-issue.ts";

/** What a 2xx answer's body said, read as the product's envelope. */
export type AnswerBody =
  | { readonly kind: "not-json" }
  | { readonly kind: "not-an-envelope" }
  /** A failure envelope. */
  | { readonly kind: "refusal"; readonly code: string | number | null; readonly message: string }
  /** A success envelope's data, and where it breaks the contract (empty when it does not). */
  | {
      readonly kind: "data";
      readonly data: unknown;
      readonly rejected: readonly ValidationIssue[];
    };

/** How answers of a client are read. */
export interface AnswerRules {
  readonly envelope: EnvelopeKind;
  readonly validation: ValidationMode;
  readonly validator: SchemaValidator | undefined;
  readonly log: LogSink;
}

/**
 * Reads a 2xx body, already normalized, as the product's envelope and checks it against the
 * operation's schema (per the mode). Unknown fields are logged; so is a contract violation in
 * a failure envelope, since the refusal is what the caller needs.
 */
export function readAnswer(
  rules: AnswerRules,
  operation: Pick<OperationEntry, "operationId" | "responseSchema">,
  requestId: string | null,
  normalized: NormalizedBody | undefined,
): AnswerBody {
  if (normalized === undefined) return { kind: "not-json" };
  const reading = readEnvelope(rules.envelope, normalized.value);
  if (reading.outcome === "not-an-envelope") return { kind: "not-an-envelope" };

  const { operationId } = operation;
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
    if (verdict.rejected.length > 0) {
      rules.log.log("warn", "simlessly failure answer breaks the contract", {
        operationId,
        requestId,
        issues: verdict.rejected,
      });
    }
    return { kind: "refusal", code: reading.code, message: reading.message };
  }
  return { kind: "data", data: reading.data, rejected: verdict.rejected };
}
