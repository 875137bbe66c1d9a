import type { Logger, LogLevel } from "@simlessly/client";
import type { GlobalOptions } from "../core/command-spec.ts";
import { parseLogLevel } from "../core/log-level.ts";
import type { TextSink } from "../core/terminal.ts";

/** How the CLI's clients log: the client redacts every entry before it reaches `logger`. */
export interface ClientLogging {
  readonly logger?: Logger | undefined;
  readonly logLevel?: LogLevel | undefined;
}

/**
 * The clients' log on stderr, one line an entry: `LEVEL: message {details}`, as the CLI's own
 * `error:` lines read (the client's messages start with "simlessly" themselves). The
 * level is `--log-level` (or `-v`), else `$SIMLESSLY_LOG_LEVEL`, else `warn` (without the
 * client's error entries, which repeat what the CLI reports itself). The details
 * arrive redacted from the client (secret fields, signatures and tokens hidden); they are
 * written as one JSON line so a log collector can read them, and the whole line passes
 * through `scrub` (the caller's exact secret values) as a last line of defence.
 */
export function stderrLogging(
  global: GlobalOptions,
  env: Readonly<Record<string, string | undefined>>,
  stderr: TextSink,
  scrub: (text: string) => string = (text) => text,
): ClientLogging {
  const fromEnv = env.SIMLESSLY_LOG_LEVEL;
  const chosen =
    global.logLevel ??
    (fromEnv === undefined || fromEnv === ""
      ? undefined
      : parseLogLevel(fromEnv, "SIMLESSLY_LOG_LEVEL"));
  const logLevel = chosen ?? "warn";
  const line =
    (level: string) =>
    (message: string, details?: Record<string, unknown>): void => {
      const extra =
        details === undefined || Object.keys(details).length === 0
          ? ""
          : ` ${JSON.stringify(details)}`;
      stderr.write(scrub(`${level}: ${message}${extra}\n`));
    };
  // Every failed call already ends in the CLI's own error line (or a journal entry and the
  // summary); the client's copy of it is shown only to someone who asked for a log level.
  const error = chosen === undefined ? () => {} : line("error");
  return {
    logLevel,
    logger: { debug: line("debug"), info: line("info"), warn: line("warn"), error },
  };
}
