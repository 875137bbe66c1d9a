import { formatIssue, type InvalidRecord } from "../validate/field-issue.ts";
import type { GenerateBatchIo, ReportedIssue } from "./generate-batch-types.ts";

/** Collects the first problems for the summary and prints the first `printLimit` of them. */
export function createIssueReporter(io: GenerateBatchIo, printLimit: number) {
  const cap = io.maxReportedIssues ?? 50;
  const issues: ReportedIssue[] = [];
  let total = 0;
  let records = 0;
  return {
    issues,
    add(record: InvalidRecord) {
      records += 1;
      for (const issue of record.issues) {
        if (issues.length < cap) issues.push({ line: record.line, iccid: record.iccid, ...issue });
        if (total < printLimit)
          io.stderr.write(`${io.style.red("invalid:")} ${formatIssue(record.line, issue)}\n`);
        total += 1;
      }
    },
    finish() {
      if (total > printLimit && printLimit > 0) {
        io.stderr.write(
          `… ${total - printLimit} more problems not shown (${records} invalid records in all)\n`,
        );
      }
    },
  };
}
