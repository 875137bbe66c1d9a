import { inspect } from "node:util";
import type { Logger } from "../../src/logging/logger.ts";

/** One logged entry. */
export interface LogEntry {
  readonly level: "debug" | "info" | "warn" | "error";
  readonly message: string;
  readonly details: Record<string, unknown> | undefined;
}

/** A logger that keeps every entry, and everything it printed as text. */
export interface CaptureLogger extends Logger {
  readonly entries: LogEntry[];
  /** Every entry as `JSON.stringify` and `util.inspect` would print it. */
  text(): string;
}

/** Creates a logger that records instead of printing. */
export function createCaptureLogger(onEntry?: (entry: LogEntry) => void): CaptureLogger {
  const entries: LogEntry[] = [];
  const record =
    (level: LogEntry["level"]) => (message: string, details?: Record<string, unknown>) => {
      const entry = { level, message, details };
      entries.push(entry);
      onEntry?.(entry);
    };
  return {
    entries,
    debug: record("debug"),
    info: record("info"),
    warn: record("warn"),
    error: record("error"),
    text: () =>
      entries
        .map(
          (entry) =>
            `${entry.message} ${JSON.stringify(entry.details)} ${inspect(entry.details, { depth: null })}`,
        )
        .join("\n"),
  };
}
