/**
 * CSV for exports (audit log, credential list): RFC 4180 quoting, CRLF line ends, and protection
 * against spreadsheet formula injection. A user name or a device name is attacker-influenced text
 * (it may come from an import or a target), and a cell like `=HYPERLINK(...)` would run as a
 * formula when an administrator opens the export in a spreadsheet.
 */

export type CsvCell = string | number | boolean | null | undefined;

/** First characters that make spreadsheets evaluate a cell (OWASP's list, tab and CR included). */
const formulaStarts = new Set(['=', '+', '-', '@', '\t', '\r']);

/** One cell: neutralised (a leading `'` makes spreadsheets show it as text), then quoted if needed. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  // Numbers and booleans are ours, never user text: a negative number must stay a number.
  if (typeof value !== 'string') return String(value);
  const text = formulaStarts.has(value.charAt(0)) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole document: a header row, then the rows; CRLF after every record, as RFC 4180 says. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return lines.join('\r\n') + '\r\n';
}
