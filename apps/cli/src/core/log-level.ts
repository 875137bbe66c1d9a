import { UsageError } from "./cli-error.ts";

/** The levels `--log-level` takes (the client's, listed here so `--help` loads no client). */
export const logLevels = ["debug", "info", "warn", "error", "silent"] as const;

/** One of {@link logLevels}. */
export type CliLogLevel = (typeof logLevels)[number];

/**
 * Reads a log level, naming where it came from when it is not one. Both the parser
 * (`--log-level`) and the client wiring (`$SIMLESSLY_LOG_LEVEL`) read levels this way.
 */
export function parseLogLevel(value: string, source: string): CliLogLevel {
  const level = logLevels.find((candidate) => candidate === value.trim().toLowerCase());
  if (level === undefined) throw new UsageError(`${source} must be one of ${logLevels.join(", ")}`);
  return level;
}
