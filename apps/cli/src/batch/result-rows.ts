import type { ResultRow } from "../output/results-writer.ts";
import {
  AuthenticationError,
  type BatchRecordResult,
  BatchRejectedError,
  NotSentError,
  UnknownOutcomeError,
} from "./batch-api.ts";

const maxReasonLength = 500;

// A status shown in results.csv: letters and separators only, short. Anything else the
// platform might put there is not repeated (it is free text no document describes).
const plainStatus = /^[A-Za-z][A-Za-z _-]{0,39}$/;

/**
 * The results.csv row of one ICCID of a complete batch (undefined: missing from its results).
 * The platform's reason passes through `scrub`: it may echo the record's secrets. A missing
 * result names the status the batch ended with (`FAILED`, say) when it is a plain word.
 */
export function rowFor(
  iccid: string,
  result: BatchRecordResult | undefined,
  scrub: (text: string) => string,
  batchStatus?: string,
): ResultRow {
  if (result === undefined) {
    const ended =
      batchStatus !== undefined && plainStatus.test(batchStatus) && batchStatus !== "COMPLETE"
        ? `ended with status ${batchStatus}`
        : "completed";
    return {
      iccid,
      status: "unknown",
      errorReason: `the batch ${ended} without a result for this ICCID`,
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
