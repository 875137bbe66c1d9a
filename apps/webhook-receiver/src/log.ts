// One JSON line per event on stdout. Callers pass only what is safe to print: request ids,
// ICCIDs, statuses and reason codes; never a body, a signature, a key or a matching id.

/** A structured log line's fields. */
export type LogFields = Readonly<Record<string, string | number | boolean | null>>;

/** Writes one line. */
export type Logger = (event: string, fields?: LogFields) => void;

/** A logger writing JSON lines to `write` (stdout by default). */
export function createLogger(
  write: (line: string) => void = (line) => process.stdout.write(line),
): Logger {
  return (event, fields = {}) => {
    write(`${JSON.stringify({ time: new Date().toISOString(), event, ...fields })}\n`);
  };
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = () => {};
