/** Where the CLI writes text: process.stdout/stderr, or a buffer in tests. */
export interface TextSink {
  write(text: string): unknown;
  /** True when a person is probably watching (progress bars, colours). */
  readonly isTTY?: boolean | undefined;
  /** Terminal width in characters, when known. */
  readonly columns?: number | undefined;
}

/** ANSI styling that turns itself off for NO_COLOR, TERM=dumb and non-terminals. */
export interface Style {
  readonly enabled: boolean;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

/** Tells whether colours are wanted on `sink` (https://no-color.org: any non-empty NO_COLOR). */
export function colorEnabled(sink: TextSink, env: Readonly<Record<string, string | undefined>>) {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.TERM === "dumb") return false;
  return sink.isTTY === true;
}

/** Returns a {@link Style} that colours only when `enabled`. */
export function createStyle(enabled: boolean): Style {
  const wrap = (open: number, close: number) => (text: string) =>
    enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    enabled,
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    bold: wrap(1, 22),
    dim: wrap(2, 22),
  };
}
