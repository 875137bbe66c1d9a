/**
 * Plain-text rendering of answers that have already been masked: `key  value` lines for an
 * object, a table for a list of objects. Nothing here knows about secrets; callers pass data
 * whose secret values are already replaced.
 */
export function renderFields(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return renderList(value);
  if (typeof value !== "object") return [String(value)];
  const entries = Object.entries(value as Record<string, unknown>);
  const simple = entries.filter(([, item]) => !isObjectList(item) && !isPlainObject(item));
  const width = Math.max(0, ...simple.map(([key]) => key.length));
  const lines = simple.map(([key, item]) => `${key.padEnd(width)}  ${cellText(item)}`);
  for (const [key, item] of entries) {
    if (isPlainObject(item)) {
      lines.push(`${key}:`, ...renderFields(item).map((line) => `  ${line}`));
    } else if (isObjectList(item)) {
      lines.push(`${key} (${item.length}):`, ...renderList(item).map((line) => `  ${line}`));
    }
  }
  return lines;
}

/** A table with a header row; columns are the keys of the rows, in order of appearance. */
export function renderTable(rows: readonly Readonly<Record<string, unknown>>[]): string[] {
  if (rows.length === 0) return ["(none)"];
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = rows.map((row) => columns.map((column) => cellText(row[column])));
  const widths = columns.map((column, index) =>
    Math.max(column.length, ...cells.map((row) => (row[index] as string).length)),
  );
  const line = (values: readonly string[]) =>
    values
      .map((cell, index) => cell.padEnd(widths[index] as number))
      .join("  ")
      .trimEnd();
  return [line(columns), ...cells.map(line)];
}

function renderList(list: readonly unknown[]): string[] {
  if (isObjectList(list)) return renderTable(list);
  return list.length === 0 ? ["(none)"] : list.map(cellText);
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "-";
  if (Array.isArray(value)) return value.map(cellText).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isObjectList(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every(isPlainObject);
}
