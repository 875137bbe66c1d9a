import {
  isCredentialsRefused,
  SimlesslyApiError,
  SimlesslyConnectionError,
  SimlesslyError,
  SimlesslyInvalidRequestError,
  SimlesslyInvalidResponseError,
  SimlesslyTimeoutError,
  SimlesslyUnknownOutcomeError,
} from "@simlessly/client";
import { CliError, type CliErrorDetails, type CliErrorKind } from "../../core/cli-error.ts";
import { ExitCode, type ExitCodeValue } from "../../core/exit-code.ts";
import { scrubText } from "./secret-masking.ts";

/**
 * Turns a client failure into the CLI's error: the client's own message (operation, HTTP
 * status, platform code and message, request id; never a value of the request), scrubbed of
 * `secrets` once more, the documented exit code, and the same facts as fields for `--json`.
 * Anything else is returned as is.
 */
export function cliErrorFrom(error: unknown, secrets: readonly string[]): unknown {
  if (!(error instanceof SimlesslyError)) return error;
  const { exitCode, hint } = classify(error);
  const message = scrubText(`${error.message}${hint}`, secrets);
  return new CliError(message, exitCode, { cause: error, details: detailsOf(error, secrets) });
}

function classify(error: SimlesslyError): { exitCode: ExitCodeValue; hint: string } {
  if (error instanceof SimlesslyApiError) {
    return isCredentialsRefused(error)
      ? { exitCode: ExitCode.config, hint: " (check the credentials and the clock)" }
      : { exitCode: ExitCode.recordsFailed, hint: "" };
  }
  if (error instanceof SimlesslyInvalidRequestError) {
    return { exitCode: ExitCode.invalidInput, hint: "" };
  }
  if (error instanceof SimlesslyConnectionError && !error.sent) {
    return { exitCode: ExitCode.unknownOutcome, hint: "; nothing reached the platform, try again" };
  }
  if (
    error instanceof SimlesslyUnknownOutcomeError ||
    error instanceof SimlesslyConnectionError ||
    error instanceof SimlesslyTimeoutError ||
    error instanceof SimlesslyInvalidResponseError
  ) {
    // No readable answer: for a call that changes state, what happened is not known.
    return { exitCode: ExitCode.unknownOutcome, hint: "" };
  }
  return { exitCode: ExitCode.recordsFailed, hint: "" };
}

// The client's fields that are safe to print: the platform's code and request id, the HTTP
// status. The strings are scrubbed like the message, in case the platform echoed a secret.
function detailsOf(error: SimlesslyError, secrets: readonly string[]): CliErrorDetails {
  const code = error instanceof SimlesslyApiError ? error.code : null;
  const httpStatus =
    error instanceof SimlesslyApiError ||
    error instanceof SimlesslyUnknownOutcomeError ||
    error instanceof SimlesslyInvalidResponseError
      ? error.httpStatus
      : null;
  return {
    kind: kindOf(error),
    operation: scrubText(error.operationId, secrets),
    httpStatus,
    code: typeof code === "string" ? scrubText(code, secrets) : code,
    requestId: error.requestId === null ? null : scrubText(error.requestId, secrets),
    retryable: error.retryable,
  };
}

function kindOf(error: SimlesslyError): CliErrorKind {
  if (error instanceof SimlesslyApiError) return "api";
  if (error instanceof SimlesslyConnectionError) return "connection";
  if (error instanceof SimlesslyTimeoutError) return "timeout";
  if (error instanceof SimlesslyUnknownOutcomeError) return "unknown-outcome";
  if (error instanceof SimlesslyInvalidRequestError) return "invalid-request";
  if (error instanceof SimlesslyInvalidResponseError) return "invalid-response";
  return "internal";
}
