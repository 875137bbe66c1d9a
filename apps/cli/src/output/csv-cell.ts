// Spreadsheets run a cell that starts with one of these as a formula (CSV injection); an
// errorReason from the platform or an ICCID column is not trusted to be free of them.
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV cell: a leading formula character is neutralized with an apostrophe (as OWASP
 * recommends), and a cell with a comma, quote or line break is quoted with quotes doubled.
 */
export function csvCell(value: string): string {
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV line (CRLF-free: LF ends it) from its cells. */
export function csvRow(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(",")}\n`;
}
