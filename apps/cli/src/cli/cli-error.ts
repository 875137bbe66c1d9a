import { ExitCode, type ExitCodeValue } from "./exit-code.ts";

/**
 * An error meant for the person at the terminal: its message is shown as is (it never holds a
 * secret) and the entry point exits with its code.
 */
export class CliError extends Error {
  /** The process exit code this error maps to. */
  readonly exitCode: ExitCodeValue;

  constructor(message: string, exitCode: ExitCodeValue, options?: ErrorOptions) {
    super(message, options);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

/** Wrong command line: unknown option, missing value, bad combination (exit 2). */
export class UsageError extends CliError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, ExitCode.invalidInput, options);
    this.name = "UsageError";
  }
}

/** An input file or journal that cannot be used as it is (exit 2). */
export class InputError extends CliError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, ExitCode.invalidInput, options);
    this.name = "InputError";
  }
}

/** Missing, unsafe or refused credentials and configuration (exit 3). */
export class ConfigError extends CliError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, ExitCode.config, options);
    this.name = "ConfigError";
  }
}
