// Turns zod issues into a message that names the fields and what is wrong with them, never
// the values (a value may be a Ki, a PIN or an activation code).

/** The parts of a zod issue the message uses. */
export interface IssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** Up to five issues as `path: problem`, joined with `; `. */
export function describeIssues(issues: readonly IssueLike[]): string {
  const shown = issues.slice(0, 5).map((issue) => {
    const path = issue.path.map(String).join(".");
    return `${path === "" ? "body" : path}: ${issue.message}`;
  });
  if (issues.length > shown.length) shown.push(`and ${issues.length - shown.length} more`);
  return shown.join("; ");
}
