import type { CliError, CliErrorDetails } from "./cli-error.ts";
import type { Target } from "./target-line.ts";

/**
 * The `--json` document of a failure: `{ ok: false, exitCode, error: { message, kind,
 * operation, httpStatus, code, requestId, retryable }, target? }`. Every field of `error` is
 * always there (null when the error does not know it), so a program can read them without
 * checking; `target` is there once the command named the platform it talks to.
 */
export interface ErrorDocument {
  readonly ok: false;
  readonly exitCode: number;
  readonly error: { readonly message: string } & CliErrorDetails;
  readonly target?: Target;
}

/** The document of `error`, naming `target` when there was one. */
export function errorDocument(error: CliError, target: Target | undefined): ErrorDocument {
  return {
    ok: false,
    exitCode: error.exitCode,
    error: { message: error.message, ...error.details },
    ...(target === undefined ? {} : { target }),
  };
}
