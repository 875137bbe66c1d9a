import {
  SimlesslyApiError,
  SimlesslyConnectionError,
  SimlesslyError,
  SimlesslyInvalidRequestError,
  SimlesslyInvalidResponseError,
  SimlesslyTimeoutError,
  SimlesslyUnknownOutcomeError,
} from "@simlessly/client";
import { CliError } from "../../cli/cli-error.ts";
import { ExitCode, type ExitCodeValue } from "../../cli/exit-code.ts";
import { scrubText } from "./secret-masking.ts";

/**
 * Turns a client failure into the CLI's error: the client's own message (operation, HTTP
 * status, platform code and message, request id; never a value of the request), scrubbed of
 * `secrets` once more, and the documented exit code. Anything else is returned as is.
 */
export function cliErrorFrom(error: unknown, secrets: readonly string[]): unknown {
  if (!(error instanceof SimlesslyError)) return error;
  const { exitCode, hint } = classify(error);
  const message = scrubText(`${error.message}${hint}`, secrets);
  return new CliError(message, exitCode, { cause: error });
}

function classify(error: SimlesslyError): { exitCode: ExitCodeValue; hint: string } {
  if (error instanceof SimlesslyApiError) {
    return refusedCredentials(error)
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

// Refused credentials: an HTTP 401/403 (CMP tokens), an RSP code about the signature or the
// key, or an eIM status in the 401xxx range (the platform documents no codes for these; the
// sandbox uses these, and a refusal of this kind means nothing was processed).
export function refusedCredentials(error: SimlesslyApiError): boolean {
  if (error.httpStatus === 401 || error.httpStatus === 403) return true;
  if (typeof error.code === "string") return /^AUTH_|SIGN/i.test(error.code);
  return typeof error.code === "number" && Math.floor(error.code / 1000) === 401;
}
