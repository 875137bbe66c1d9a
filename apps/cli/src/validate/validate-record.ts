import { type RspSchema, rspSchemas } from "@simlessly/contract";
import type { RawRecord } from "../input/raw-record.ts";
import { describePattern } from "./describe-pattern.ts";
import type { FieldIssue } from "./field-issue.ts";
import { isSecretField } from "./secret-fields.ts";

/** A SIM record the contract accepts, ready to send. */
export type SimRecord = RspSchema<"AcMetadata">;

/** The outcome of checking one record against the contract. */
export type RecordCheck =
  | { readonly ok: true; readonly record: SimRecord }
  | { readonly ok: false; readonly issues: readonly FieldIssue[] };

// Where the contract's pattern cannot be put in words by describePattern.
const fieldWording: Readonly<Record<string, string>> = {
  expireTime: "must be a date and time as yyyy-MM-dd HH:mm:ss",
};

const maxShownValue = 40;

/**
 * Checks a record with the contract's `AcMetadata` schema and turns zod's issues into
 * reasons a person can act on. Values of secret fields are never part of a reason.
 */
export function validateRecord(raw: RawRecord): RecordCheck {
  const result = rspSchemas.AcMetadata.safeParse(raw.fields);
  if (result.success) return { ok: true, record: result.data };
  const issues: FieldIssue[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) issues.push({ field: key, reason: "is not a known field" });
      continue;
    }
    const [name, ...rest] = issue.path;
    const field = typeof name === "string" ? name : "record";
    const label = rest.length === 0 ? field : `${field}[${rest.map(String).join("][")}]`;
    const value = valueAt(raw.fields, issue.path);
    issues.push({ field: label, reason: withValue(field, reasonFor(issue, field, value), value) });
  }
  return { ok: false, issues };
}

interface ZodIssueLike {
  readonly code: string;
  readonly message: string;
  readonly expected?: unknown;
  readonly pattern?: unknown;
  readonly maximum?: unknown;
  readonly minimum?: unknown;
  readonly origin?: unknown;
}

function reasonFor(issue: ZodIssueLike, field: string, value: unknown): string {
  if (issue.code === "invalid_type") {
    if (value === undefined) return "is required";
    if (issue.expected === "string" && typeof value === "number") {
      return "must be a string (quote it: numbers lose digits)";
    }
    return issue.expected === "array" ? "must be a list" : `must be a ${String(issue.expected)}`;
  }
  if (issue.code === "invalid_format") {
    const wording = fieldWording[field];
    if (wording !== undefined) return wording;
    const described =
      typeof issue.pattern === "string" ? describePattern(issue.pattern) : undefined;
    return described === undefined ? "has the wrong format" : `must be ${described}`;
  }
  if (issue.code === "too_big" && issue.origin === "array") {
    return `must have at most ${String(issue.maximum)} entries`;
  }
  if (issue.code === "too_small" && issue.origin === "array") {
    return `must have at least ${String(issue.minimum)} entries`;
  }
  // The contract's length checks are refinements with fixed messages ("Too long: expected at
  // most 255 characters"); they never quote the value.
  const length = /^Too (long|short): expected at (most|least) (\d+) characters$/.exec(
    issue.message,
  );
  if (length !== null) return `must have at ${length[2]} ${length[3]} characters`;
  return "is not valid";
}

// Non-secret values help find the mistake; secret ones are never shown.
function withValue(field: string, reason: string, value: unknown): string {
  if (isSecretField(field) || typeof value !== "string" || reason === "is required") return reason;
  const shown = value.length > maxShownValue ? `${value.slice(0, maxShownValue)}…` : value;
  return `${reason}, got ${JSON.stringify(shown)}`;
}

function valueAt(fields: Readonly<Record<string, unknown>>, path: readonly PropertyKey[]): unknown {
  let current: unknown = fields;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
