import type { SimRecord } from "../validate/validate-record.ts";

/** One batch submission: at most 200 records (`rspMetadata.batchLimits`). */
export interface SubmitBatchInput {
  readonly configName: string;
  readonly needAcLink: boolean;
  readonly records: readonly SimRecord[];
}

/** What polling a batch needs. */
export interface GetBatchInfoInput {
  readonly batchCode: string;
  /** Sent along as the docs' example does, so results carry `acLink`. */
  readonly needAcLink: boolean;
}

/** The outcome of one record of a batch. */
export interface BatchRecordResult {
  readonly iccid: string;
  readonly success: boolean;
  readonly activationCode?: string | undefined;
  readonly acLink?: string | undefined;
  readonly errorReason?: string | undefined;
}

/** What the platform says of an ICCID's profile (for recovering a lost code). */
export interface ProfileState {
  /** The platform's status name, e.g. `Available` (an open set of names). */
  readonly status: string;
  /** The EID the profile is bound to, if any. */
  readonly eid?: string | null | undefined;
}

/** One record generated on its own, at once (R1 `ac/generate`). */
export interface GenerateOneInput {
  readonly configName: string;
  readonly needAcLink: boolean;
  readonly record: SimRecord;
}

/** A batch's progress and the results so far. */
export interface BatchInfo {
  /**
   * `COMPLETE` once the batch has stopped generating: the platform said `COMPLETE`, or any
   * other status but `PROCESSING` (one it may add, e.g. `FAILED`). Records it reports no
   * result for are then settled as unknown.
   */
  readonly status: "PROCESSING" | "COMPLETE";
  /** The status as the platform named it, for the reason of records it has no result for. */
  readonly platformStatus?: string;
  readonly results: readonly BatchRecordResult[];
}

/**
 * The two RSP calls the bulk pipeline needs (R2 generateByBatch, R3 batch/info). The real
 * implementation wraps the typed client; tests use an in-process fake.
 *
 * `submitBatch` must not retry once the request may have reached the platform. It throws
 * {@link UnknownOutcomeError} when the batch may or may not have been taken,
 * {@link BatchRejectedError} when the platform refused it (nothing was processed), and
 * {@link AuthenticationError} when credentials or signature are refused, and
 * {@link NotSentError} when the request never reached the platform even after the client's
 * own retries (connection refused, rate limited); in those two cases nothing was processed
 * and the run stops. Anything else it throws is treated as an unknown outcome.
 *
 * `getBatchInfo` is read-only: any error but {@link AuthenticationError} is retried with
 * backoff until the poll timeout.
 */
export interface BatchApi {
  submitBatch(input: SubmitBatchInput): Promise<{ readonly batchCode: string }>;
  getBatchInfo(input: GetBatchInfoInput): Promise<BatchInfo>;
  /**
   * Whether the account has a profile configuration of this name: undefined when it cannot
   * tell (the listing failed); throws {@link AuthenticationError} for refused credentials.
   */
  hasConfig?(configName: string): Promise<boolean | undefined>;
  /**
   * The profile an ICCID holds, or undefined when it holds none (never made, or deleted).
   * Read-only. For `--recover-lost-codes`, as are the two below.
   */
  profileState?(iccid: string): Promise<ProfileState | undefined>;
  /**
   * Deletes a profile that is on no device (never with force). Throws as `submitBatch` does:
   * {@link BatchRejectedError} when refused, {@link UnknownOutcomeError} when it may or may not
   * have happened.
   */
  deleteProfile?(iccid: string): Promise<void>;
  /** Generates one record at once; throws as `submitBatch` does. */
  generateOne?(input: GenerateOneInput): Promise<BatchRecordResult>;
}

/** The submission may or may not have been processed (timeout, connection lost mid-request). */
export class UnknownOutcomeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UnknownOutcomeError";
  }
}

/** The platform refused the whole batch and processed none of it (e.g. `success: false`). */
export class BatchRejectedError extends Error {
  /** The platform's result code, when it gave one. */
  readonly code: string | undefined;

  constructor(message: string, options?: ErrorOptions & { code?: string | undefined }) {
    super(message, options);
    this.name = "BatchRejectedError";
    this.code = options?.code;
  }
}

/** Credentials, signature or account refused: nothing was processed and nothing else will be. */
export class AuthenticationError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "AuthenticationError";
  }
}

/**
 * The request never reached the platform (connection refused, 429 after the retry budget):
 * nothing was processed, the chunk may be sent again, and the run stops until it can be.
 */
export class NotSentError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "NotSentError";
  }
}
