import type { ExitCodeValue } from "../../core/exit-code.ts";
import { ExitCode } from "../../core/exit-code.ts";
import type { Target } from "../../core/target-line.ts";
import { renderFields } from "./render-text.ts";

/** What a command shows once the platform answered. */
export interface Report {
  /** First line of the human output, e.g. `Profile 8986… deleted`. */
  readonly headline: string;
  /** Further lines (default: the answer's fields, secrets masked). */
  readonly lines?: readonly string[];
  /** Default 0. */
  readonly exitCode?: ExitCodeValue;
  /** What `--json` shows as `result` (default: the answer); secrets are masked regardless. */
  readonly result?: unknown;
}

/** How the report is printed: the masked result, and the file that took the secrets. */
export interface ReportFormat {
  readonly operationId: string;
  readonly json: boolean;
  /** The result with its secrets already masked. */
  readonly result: unknown;
  readonly secretsFile: string | undefined;
  /** The platform the command talked to: `--json` names it (the text has its own line). */
  readonly target?: Target | undefined;
}

/**
 * The text of a report: with --json one document `{ ok, exitCode, operation, result,
 * secretsFile?, target? }`; otherwise the headline, indented detail lines and where secrets went.
 */
export function formatReport(report: Report, format: ReportFormat): string {
  const exitCode = report.exitCode ?? ExitCode.ok;
  const savedTo = format.secretsFile === undefined ? {} : { secretsFile: format.secretsFile };
  if (format.json) {
    const document = {
      ok: exitCode === ExitCode.ok,
      exitCode,
      operation: format.operationId,
      result: format.result ?? null,
      ...savedTo,
      ...(format.target === undefined ? {} : { target: format.target }),
    };
    return `${JSON.stringify(document, null, 2)}\n`;
  }
  const lines = report.lines ?? renderFields(format.result);
  const saved =
    format.secretsFile === undefined
      ? []
      : [`secrets written to ${format.secretsFile} (mode 0600)`];
  return `${[report.headline, ...lines.map((line) => `  ${line}`), ...saved].join("\n")}\n`;
}
