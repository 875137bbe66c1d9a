import { UsageError } from "../core/cli-error.ts";
import { isShowableName } from "./safe-to-show.ts";
import { canonicalFieldName, requiredSimFields, simFieldNames } from "./sim-fields.ts";

/**
 * Columns of a CSV input (or keys of JSON lines) that are not read as their name says: vendor
 * files carry extra columns (`ACC`, `IMPI`, …) or spell fields their own way (`KI_ENC`).
 */
export interface ColumnOptions {
  /** Columns to drop on reading, as `--ignore-columns` names them. */
  readonly ignore: readonly string[];
  /** Columns to read as a field, as `--rename-columns` names them. */
  readonly rename: readonly ColumnRename[];
}

/** One `COLUMN=FIELD` of `--rename-columns`: the column as named, the field's contract name. */
export interface ColumnRename {
  readonly column: string;
  readonly field: string;
}

/** No column dropped or renamed: every column is read as its name says. */
export const noColumnOptions: ColumnOptions = { ignore: [], rename: [] };

/**
 * What a column name matches by: the contract field it names (ignoring case, surrounding
 * spaces and aliases, as headers are matched), else its own text ignoring case and spaces.
 */
export function columnKey(name: string): string {
  return canonicalFieldName(name) ?? name.trim().toLowerCase();
}

/**
 * A column name as messages may show it: quoted when it reads like a name. Names come from
 * the command line or a header row, where a pasted Ki would be a secret.
 */
export function shownColumn(name: string): string {
  const trimmed = name.trim();
  return isShowableName(trimmed) ? `"${trimmed}"` : "(a name not shown: it reads like a value)";
}

/** The columns named by `--ignore-columns` (e.g. `ACC,IMPI`), or a {@link UsageError}. */
export function parseIgnoreColumns(text: string): string[] {
  const names: string[] = [];
  const problems: string[] = [];
  text.split(",").forEach((given, index) => {
    const name = given.trim();
    if (name === "") problems.push(`name ${index + 1} is empty`);
    else if (names.some((other) => columnKey(other) === columnKey(name))) {
      problems.push(`${shownColumn(name)} is named twice`);
    } else names.push(name);
  });
  if (problems.length > 0) throw new UsageError(`--ignore-columns: ${problems.join("; ")}`);
  return names;
}

/**
 * The mappings named by `--rename-columns` (e.g. `KI_ENC=ki,OPC_ENC=opc`), each onto a
 * contract field, or a {@link UsageError}: a pair without `=`, an unknown field, a column named
 * twice, two columns onto one field.
 */
export function parseRenameColumns(text: string): ColumnRename[] {
  const renames: ColumnRename[] = [];
  const problems: string[] = [];
  text.split(",").forEach((given, index) => {
    const equals = given.indexOf("=");
    const column = given.slice(0, equals).trim();
    const target = given.slice(equals + 1).trim();
    if (equals === -1 || column === "" || target === "") {
      problems.push(`pair ${index + 1} is not COLUMN=FIELD`);
      return;
    }
    const field = canonicalFieldName(target);
    if (field === undefined) {
      problems.push(`${shownColumn(column)} is mapped to ${shownColumn(target)}, not a field`);
    } else if (renames.some((other) => columnKey(other.column) === columnKey(column))) {
      problems.push(`${shownColumn(column)} is named twice`);
    } else if (renames.some((other) => other.field === field)) {
      problems.push(`${shownColumn(column)} is mapped to ${field}, as another column is`);
    } else renames.push({ column, field });
  });
  if (problems.length > 0) {
    throw new UsageError(
      `--rename-columns: ${problems.join("; ")}. Fields: ${simFieldNames.join(", ")}`,
    );
  }
  return renames;
}

/**
 * Refuses options that contradict each other (exit 2): a column both ignored and renamed, and
 * an ignored required field that no renamed column provides, since every record would lack it.
 */
export function checkColumnOptions(options: ColumnOptions): void {
  const problems: string[] = [];
  for (const name of options.ignore) {
    if (options.rename.some((rename) => columnKey(rename.column) === columnKey(name))) {
      problems.push(`${shownColumn(name)} is given to both --ignore-columns and --rename-columns`);
      continue;
    }
    const field = canonicalFieldName(name);
    if (
      field !== undefined &&
      requiredSimFields.includes(field) &&
      !options.rename.some((rename) => rename.field === field)
    ) {
      problems.push(
        `--ignore-columns ${shownColumn(name)}: ${field} is required; to read it from another column, add --rename-columns COLUMN=${field}`,
      );
    }
  }
  if (problems.length > 0) throw new UsageError(problems.join("; "));
}

/** Tells whether two sets of options read an input the same way (order and spelling aside). */
export function sameColumnOptions(a: ColumnOptions, b: ColumnOptions): boolean {
  const ignored = (options: ColumnOptions) => options.ignore.map(columnKey).sort().join("\n");
  const renamed = (options: ColumnOptions) =>
    options.rename
      .map((rename) => `${columnKey(rename.column)}=${rename.field}`)
      .sort()
      .join("\n");
  return ignored(a) === ignored(b) && renamed(a) === renamed(b);
}
