import { ExitCode, type ExitCodeValue } from "./exit-code.ts";

/**
 * What kind of failure an error is, for a program reading the `--json` document: the client's
 * failures (`api` … `invalid-response`), the command line and its files (`usage`, `input`),
 * the settings (`config`), and anything unforeseen (`internal`).
 */
export type CliErrorKind =
  | "api"
  | "connection"
  | "timeout"
  | "unknown-outcome"
  | "invalid-request"
  | "invalid-response"
  | "usage"
  | "input"
  | "config"
  | "internal";

/**
 * What an error says about itself beyond its message. Every field is safe to print: names
 * and codes the platform or the system gave, never a value of the request. Null means the
 * error does not know (no call was made, the platform sent no code).
 */
export interface CliErrorDetails {
  readonly kind: CliErrorKind;
  /** The operation that failed, e.g. `getBatchInfo`. */
  readonly operation: string | null;
  /** The HTTP status of the platform's answer. */
  readonly httpStatus: number | null;
  /** The platform's code: RSP `code` (a string), eIM `status` (a number). */
  readonly code: string | number | null;
  /** The request id of the last attempt, to quote to the platform's support. */
  readonly requestId: string | null;
  /** Whether running the same command again is safe and may succeed; null when unknown. */
  readonly retryable: boolean | null;
}

/** Options of {@link CliError}: the cause, and what is known beyond the message. */
export interface CliErrorOptions extends ErrorOptions {
  readonly details?: Partial<CliErrorDetails>;
}

/**
 * An error meant for the person at the terminal: its message is shown as is (it never holds a
 * secret) and the entry point exits with its code. `details` is what `--json` prints of it.
 */
export class CliError extends Error {
  /** The process exit code this error maps to. */
  readonly exitCode: ExitCodeValue;
  readonly details: CliErrorDetails;

  constructor(message: string, exitCode: ExitCodeValue, options?: CliErrorOptions) {
    super(message, options);
    this.name = "CliError";
    this.exitCode = exitCode;
    this.details = {
      kind: kindOfExitCode(exitCode),
      operation: null,
      httpStatus: null,
      code: null,
      requestId: null,
      retryable: null,
      ...options?.details,
    };
  }
}

// An error that names no kind is classed by what its exit code promises.
function kindOfExitCode(exitCode: ExitCodeValue): CliErrorKind {
  switch (exitCode) {
    case ExitCode.invalidInput:
      return "usage";
    case ExitCode.config:
      return "config";
    case ExitCode.unknownOutcome:
      return "unknown-outcome";
    default:
      return "internal";
  }
}

/** Wrong command line: unknown option, missing value, bad combination (exit 2). */
export class UsageError extends CliError {
  constructor(message: string, options?: ErrorOptions) {
    // The same command line fails the same way.
    super(message, ExitCode.invalidInput, {
      ...options,
      details: { kind: "usage", retryable: false },
    });
    this.name = "UsageError";
  }
}

/** An input file or journal that cannot be used as it is (exit 2). */
export class InputError extends CliError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, ExitCode.invalidInput, {
      ...options,
      details: { kind: "input", retryable: false },
    });
    this.name = "InputError";
  }
}

/** Missing, unsafe or refused credentials and configuration (exit 3). */
export class ConfigError extends CliError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, ExitCode.config, { ...options, details: { kind: "config", retryable: false } });
    this.name = "ConfigError";
  }
}
