import { ExitCode, type ExitCodeValue, mostUrgentExitCode } from "../core/exit-code.ts";
import type { GenerateBatchSummary } from "./generate-batch-types.ts";

/** The exit code a generate-batch run ends with (see `simlessly --help`). */
export function summaryExitCode(summary: GenerateBatchSummary): ExitCodeValue {
  if (summary.outcome === "invalid-input") return ExitCode.invalidInput;
  if (summary.outcome === "dry-run") return ExitCode.ok;
  const codes: ExitCodeValue[] = [];
  // Skipped invalid records do not fail a run (the user asked to skip them), but a run that
  // had nothing valid to send did nothing.
  if (summary.valid === 0) codes.push(ExitCode.invalidInput);
  if (summary.unknown > 0 || summary.lost > 0 || summary.pending > 0)
    codes.push(ExitCode.unknownOutcome);
  if (summary.failed > 0 || summary.rejected > 0) codes.push(ExitCode.recordsFailed);
  return mostUrgentExitCode(codes);
}
