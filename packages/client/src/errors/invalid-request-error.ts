import { issuesText, type ValidationIssue } from "../answers/validation-issue.ts";
import { SimlesslyError } from "./simlessly-error.ts";

/** Options of {@link SimlesslyInvalidRequestError}. */
export interface SimlesslyInvalidRequestErrorInit {
  readonly operationId: string;
  readonly issues: readonly ValidationIssue[];
  readonly cause?: unknown;
}

/**
 * The request was refused before anything was sent: its body breaks the contract (schema or
 * batch limits) or cannot be serialized as JSON. Safe to fix and send.
 */
export class SimlesslyInvalidRequestError extends SimlesslyError {
  override readonly name: string = "SimlesslyInvalidRequestError";
  /** Where the body breaks the contract; paths and rules, never values. */
  readonly issues: readonly ValidationIssue[];

  constructor(init: SimlesslyInvalidRequestErrorInit) {
    super(`request is invalid${issuesText(init.issues)}; nothing was sent`, {
      operationId: init.operationId,
      attempts: 0,
      cause: init.cause,
    });
    this.issues = Object.freeze([...init.issues]);
  }
}
