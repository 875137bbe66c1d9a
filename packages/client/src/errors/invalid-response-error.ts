import { issuesText, type ValidationIssue } from "../answers/validation-issue.ts";
import { SimlesslyError, type SimlesslyErrorContext } from "./simlessly-error.ts";

/** What is wrong with the answer. */
export type InvalidResponseReason = "not-json" | "not-an-envelope" | "schema";

/** Options of {@link SimlesslyInvalidResponseError}. */
export interface SimlesslyInvalidResponseErrorInit extends SimlesslyErrorContext {
  readonly reason: InvalidResponseReason;
  readonly httpStatus: number;
  /** For `schema`: where the answer breaks the contract. */
  readonly issues?: readonly ValidationIssue[] | undefined;
  /**
   * For `schema`: whether the envelope said the call succeeded. True means a call that
   * changes state did take effect even though its answer is off-contract.
   */
  readonly envelopeSuccess?: boolean | null | undefined;
}

/**
 * The server answered 2xx with something the client cannot accept: not JSON, not an envelope,
 * or (validation `strict`, or any violation other than an unknown key in `lenient`) a body
 * that breaks the contract.
 */
export class SimlesslyInvalidResponseError extends SimlesslyError {
  override readonly name: string = "SimlesslyInvalidResponseError";
  readonly reason: InvalidResponseReason;
  readonly httpStatus: number;
  /** Where the answer breaks the contract; paths and rules, never values. */
  readonly issues: readonly ValidationIssue[];
  /** Whether the envelope reported success (null when unknown or not an envelope). */
  readonly envelopeSuccess: boolean | null;

  constructor(init: SimlesslyInvalidResponseErrorInit) {
    const issues = init.issues ?? [];
    super(`answer is invalid (${init.reason}${issuesText(issues)})`, init);
    this.reason = init.reason;
    this.httpStatus = init.httpStatus;
    this.issues = Object.freeze([...issues]);
    this.envelopeSuccess = init.envelopeSuccess ?? null;
  }
}
