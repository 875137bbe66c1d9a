// Checks bodies against named schemas through a structural view of zod (`safeParse`), so the
// core of the client never imports zod: pass the schemas (from @simlessly/client/validation)
// to turn validation on, leave them out and the bundle carries no zod.
import { formatPath, joinPath, type ValidationIssue } from "./validation-issue.ts";

/** The part of a zod schema the client uses. */
export interface SchemaLike {
  safeParse(value: unknown): { readonly success: boolean; readonly error?: unknown };
}

/** Checks a value against one of a product's named schemas. */
export interface SchemaValidator {
  /** The issues of `value` against `schemaName`, [] when valid, or null if there is no such schema. */
  check(schemaName: string, value: unknown): readonly ValidationIssue[] | null;
}

interface RawIssue {
  readonly code?: unknown;
  readonly path?: unknown;
  readonly message?: unknown;
  readonly keys?: unknown;
  readonly errors?: unknown;
}

function asIssues(value: unknown): RawIssue[] {
  return Array.isArray(value)
    ? (value.filter((item) => typeof item === "object") as RawIssue[])
    : [];
}

function pathOf(issue: RawIssue): string {
  return Array.isArray(issue.path)
    ? formatPath(issue.path.filter((s): s is string | number => typeof s !== "symbol"))
    : "";
}

const hard = (issues: readonly ValidationIssue[]) =>
  issues.filter((issue) => issue.code !== "unknown-key").length;

/**
 * Flattens zod issues: one `unknown-key` issue per unrecognized key, and a union's issues
 * replaced by those of the one branch with the fewest issues other than unknown keys (a
 * success envelope with an extra field is then an unknown key, not "no branch matched").
 */
function flatten(raw: readonly RawIssue[], prefix: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const issue of raw) {
    const path = joinPath(prefix, pathOf(issue));
    if (issue.code === "unrecognized_keys" && Array.isArray(issue.keys)) {
      for (const key of issue.keys) {
        issues.push({
          path: joinPath(path, String(key)),
          code: "unknown-key",
          message: "not in the contract",
        });
      }
      continue;
    }
    if (issue.code === "invalid_union" && Array.isArray(issue.errors) && issue.errors.length > 0) {
      const branches = issue.errors.map((branch) => flatten(asIssues(branch), path));
      const fewest = Math.min(...branches.map(hard));
      const best = branches.filter((branch) => hard(branch) === fewest);
      // One branch fits best (a success envelope with a bad field next to the failure
      // branch): its issues say more than "no branch matched".
      if (best.length === 1 && best[0] !== undefined) {
        issues.push(...best[0]);
        continue;
      }
    }
    issues.push({
      path,
      code: typeof issue.code === "string" ? issue.code : "invalid",
      message:
        issue.code === "invalid_union"
          ? "matches none of the allowed shapes"
          : typeof issue.message === "string"
            ? issue.message
            : "invalid",
    });
  }
  return issues;
}

/**
 * Creates a validator over a product's named schemas (e.g. `rspSchemas` of
 * `@simlessly/contract`). Messages name the path and the rule, never the value.
 */
export function createSchemaValidator(
  schemas: Readonly<Record<string, SchemaLike | unknown>>,
): SchemaValidator {
  return {
    check(schemaName, value) {
      const schema = schemas[schemaName] as SchemaLike | undefined;
      if (schema === undefined || typeof schema.safeParse !== "function") return null;
      const result = schema.safeParse(value);
      if (result.success) return [];
      const error = result.error as { issues?: unknown } | undefined;
      return flatten(asIssues(error?.issues), "");
    },
  };
}
