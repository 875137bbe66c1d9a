// An optional logger with levels. Every entry passes through the redactor on its way out, so
// no call site can leak a secret by forgetting to redact: `debug` shows requests and answers
// with secret fields, signatures and tokens hidden.
import type { Redactor } from "./redactor.ts";

/** How much to log: `debug` adds every request and answer (redacted). */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

/** Where log entries go; `console` fits. */
export interface Logger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** The clients' internal view of the logger: level-filtered and redacting. */
export interface LogSink {
  enabled(level: Exclude<LogLevel, "silent">): boolean;
  log(level: Exclude<LogLevel, "silent">, message: string, details: Record<string, unknown>): void;
}

const rank = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;

/** Tells whether `value` names a log level. */
export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === "string" && value in rank;
}

/** Wraps a logger so that only entries at or above `level` are written, all of them scrubbed. */
export function createLogSink(
  logger: Logger | undefined,
  level: LogLevel,
  redactor: Redactor,
): LogSink {
  const threshold = logger === undefined ? rank.silent : rank[level];
  return {
    enabled: (entryLevel) => rank[entryLevel] >= threshold,
    log(entryLevel, message, details) {
      if (logger === undefined || rank[entryLevel] < threshold) return;
      // Structural redaction happened at the call site (it knows the schema); this pass
      // scrubs the client's own credentials from whatever text is left.
      logger[entryLevel](
        redactor.scrub(message),
        redactor.redactBody(details) as Record<string, unknown>,
      );
    },
  };
}
