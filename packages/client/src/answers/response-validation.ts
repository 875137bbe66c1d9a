import type { SchemaValidator } from "./schema-validator.ts";
import type { ValidationIssue } from "./validation-issue.ts";

/**
 * How answers are checked against the contract:
 * - `strict`: any deviation fails the call;
 * - `lenient` (default): unknown fields are reported (logged at `warn`) and passed through,
 *   any other deviation fails the call;
 * - `off`: not checked.
 * Checking needs the schemas (`validator` from `@simlessly/client/validation`); without them
 * nothing is checked.
 */
export type ValidationMode = "strict" | "lenient" | "off";

/** Tells whether `value` names a validation mode. */
export function isValidationMode(value: unknown): value is ValidationMode {
  return value === "strict" || value === "lenient" || value === "off";
}

/** The verdict on one body. */
export interface ValidationVerdict {
  /** Issues that fail the call under the mode (empty: accept). */
  readonly rejected: readonly ValidationIssue[];
  /** Unknown fields accepted under `lenient`, to report. */
  readonly reported: readonly ValidationIssue[];
}

const accepted: ValidationVerdict = { rejected: [], reported: [] };

/** Checks `value` against `schemaName` and sorts the issues by what the mode does with them. */
export function judgeBody(
  mode: ValidationMode,
  validator: SchemaValidator | undefined,
  schemaName: string | null,
  value: unknown,
): ValidationVerdict {
  if (mode === "off" || validator === undefined || schemaName === null) return accepted;
  const issues = validator.check(schemaName, value);
  if (issues === null || issues.length === 0) return accepted;
  if (mode === "strict") return { rejected: issues, reported: [] };
  const unknown = issues.filter((issue) => issue.code === "unknown-key");
  if (unknown.length === issues.length) return { rejected: [], reported: unknown };
  return { rejected: issues, reported: [] };
}
