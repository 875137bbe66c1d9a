/**
 * The documented exit codes of `simlessly`. When several apply, the highest in this order
 * wins: authentication/configuration, invalid input, unknown outcome, failed records.
 */
export const ExitCode = {
  /** Everything asked for was done. */
  ok: 0,
  /** The platform refused or failed some records (see results.csv). */
  recordsFailed: 1,
  /** Invalid input or usage: nothing was sent because of it. */
  invalidInput: 2,
  /** Authentication or configuration: credentials missing, refused or unsafe. */
  config: 3,
  /** The outcome of some records is unknown; `--resume` can settle it. */
  unknownOutcome: 4,
} as const;

/** One of the documented exit codes. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

const precedence: readonly ExitCodeValue[] = [
  ExitCode.config,
  ExitCode.invalidInput,
  ExitCode.unknownOutcome,
  ExitCode.recordsFailed,
  ExitCode.ok,
];

/** Picks the exit code that tells the most urgent thing among several that apply. */
export function mostUrgentExitCode(codes: readonly ExitCodeValue[]): ExitCodeValue {
  for (const code of precedence) {
    if (codes.includes(code)) return code;
  }
  return ExitCode.ok;
}
