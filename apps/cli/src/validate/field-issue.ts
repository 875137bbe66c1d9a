/** One problem of one record, safe to show: the reason never holds a secret value. */
export interface FieldIssue {
  /** The field, e.g. `ki` or `impu[2]`; `record` for the record as a whole. */
  readonly field: string;
  readonly reason: string;
}

/** An invalid record: where it is and what is wrong with it. */
export interface InvalidRecord {
  readonly line: number;
  /** The record's ICCID when it is well formed (19 or 20 digits; ICCIDs are not secret). */
  readonly iccid: string | undefined;
  readonly issues: readonly FieldIssue[];
}

/** Renders one issue as the CLI prints it: `ki (line 17): must be 32 hexadecimal characters`. */
export function formatIssue(line: number, issue: FieldIssue): string {
  return `${issue.field} (line ${line}): ${issue.reason}`;
}
