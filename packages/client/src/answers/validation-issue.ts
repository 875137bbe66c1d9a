/** One way a body breaks its schema: where and how, never the offending value. */
export interface ValidationIssue {
  /** Where, e.g. `metaDatas[3].ki`; `""` for the body itself. */
  readonly path: string;
  /** `unknown-key` for a key the schema does not list; otherwise the schema library's code. */
  readonly code: string;
  /** What is wrong, in words that name the rule and never the value. */
  readonly message: string;
}

/** Writes a path of keys and indexes as `a.b[2].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

/** Joins a parent path and a child path written by {@link formatPath}. */
export function joinPath(parent: string, child: string): string {
  if (parent === "") return child;
  if (child === "") return parent;
  return child.startsWith("[") ? `${parent}${child}` : `${parent}.${child}`;
}

/** `: ki: must match … (and 2 more)` for a message; "" without issues. */
export function issuesText(issues: readonly ValidationIssue[]): string {
  const [first] = issues;
  if (first === undefined) return "";
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return `: ${first.path || "body"}: ${first.message}${more}`;
}
