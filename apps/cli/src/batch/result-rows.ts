import type { ResultRow } from "../output/results-writer.ts";
import {
  AuthenticationError,
  type BatchRecordResult,
  BatchRejectedError,
  NotSentError,
  UnknownOutcomeError,
} from "./batch-api.ts";

const maxReasonLength = 500;

/**
 * The results.csv row of one ICCID of a complete batch (undefined: missing from its results).
 * The platform's reason passes through `scrub`: it may echo the record's secrets.
 */
export function rowFor(
  iccid: string,
  result: BatchRecordResult | undefined,
  scrub: (text: string) => string,
): ResultRow {
  if (result === undefined) {
    return {
      iccid,
      status: "unknown",
      errorReason: "the batch completed without a result for this ICCID",
    };
  }
  if (!result.success) {
    const reason = result.errorReason === undefined ? "no reason given" : scrub(result.errorReason);
    return { iccid, status: "failed", errorReason: reason };
  }
  if (result.activationCode === undefined || result.activationCode === "") {
    return {
      iccid,
      status: "failed",
      errorReason: "the platform reported success but gave no activation code",
    };
  }
  return { iccid, status: "success", activationCode: result.activationCode, acLink: result.acLink };
}

/** A short, safe text for an error of the API. */
export function reasonOf(error: unknown): string {
  // Messages of the API's errors never hold secrets (the client's redaction promise); they
  // are still cut short, since they go to the journal and the terminal.
  const text =
    error instanceof UnknownOutcomeError ||
    error instanceof BatchRejectedError ||
    error instanceof AuthenticationError ||
    error instanceof NotSentError
      ? error.message
      : error instanceof Error
        ? `${error.name}: ${error.message}`
        : String(error);
  return text.length > maxReasonLength ? `${text.slice(0, maxReasonLength)}…` : text;
}
