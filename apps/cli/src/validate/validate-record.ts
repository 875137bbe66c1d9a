import { type RspSchema, rspSchemas } from "@simlessly/contract";
import type { RawRecord } from "../input/raw-record.ts";
import { isShowableName, shownValue } from "../input/safe-to-show.ts";
import type { FieldIssue } from "./field-issue.ts";
import { type BodyIssue, issueReason } from "./issue-reason.ts";
import { objectFastPath } from "./object-fast-path.ts";

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

// An extra key of a vendor's file is dropped or mapped by the command's options.
const unknownKeyReason = "is not a known field (see --ignore-columns and --rename-columns)";

// Vouches for nearly every valid record at a tenth of zod's cost, and never for one zod
// would refuse (see object-fast-path.ts); zod checks whatever it leaves.
const fastPath = objectFastPath(rspSchemas.AcMetadata);

/**
 * Checks a record with the contract's `AcMetadata` schema and turns zod's issues into
 * reasons a person can act on. A value is part of a reason only when it has the shape of its
 * own non-secret field (see {@link shownValue}); an unknown key only when it reads like a name.
 */
export function validateRecord(raw: RawRecord): RecordCheck {
  const vouched = fastPath?.(raw.fields);
  if (vouched !== undefined) return { ok: true, record: vouched as SimRecord };
  const result = rspSchemas.AcMetadata.safeParse(raw.fields);
  if (result.success) return { ok: true, record: result.data };
  const issues: FieldIssue[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        issues.push(
          isShowableName(key)
            ? { field: key, reason: unknownKeyReason }
            : {
                field: "(key not shown)",
                reason: "is not a known field; its name reads like a value",
              },
        );
      }
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

// What only the record's own value can tell, then the wording every zod issue gets.
function reasonFor(issue: BodyIssue, field: string, value: unknown): string {
  if (issue.code === "invalid_type") {
    if (value === undefined) return "is required";
    if (issue.expected === "string" && typeof value === "number") {
      return "must be a string (quote it: numbers lose digits)";
    }
  }
  const wording = fieldWording[field];
  if (issue.code === "invalid_format" && wording !== undefined) return wording;
  return issueReason(issue);
}

// A value that is safe to show helps find the mistake; any other is left out.
function withValue(field: string, reason: string, value: unknown): string {
  if (reason === "is required") return reason;
  const shown = shownValue(field, value);
  return shown === undefined ? reason : `${reason}, got ${shown}`;
}

function valueAt(fields: Readonly<Record<string, unknown>>, path: readonly PropertyKey[]): unknown {
  let current: unknown = fields;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
