/** How many rows of a result a step's output shows, and how much of each. */
const MAX_ROWS = 10;
const MAX_ROW_CHARS = 300;

function cell(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `0x${value.toString('hex')}`;
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return value.toString();
  }
  return typeof value;
}

/** Rows as `name=value, …` lines, the first few only: a step log, not a result grid. */
export function rowsText(rows: readonly Record<string, unknown>[]): string {
  const lines = rows.slice(0, MAX_ROWS).map((row) => {
    const line = Object.entries(row)
      .map(([name, value]) => `${name}=${cell(value)}`)
      .join(', ');
    return line.length > MAX_ROW_CHARS ? `${line.slice(0, MAX_ROW_CHARS - 1)}…` : line;
  });
  if (rows.length > MAX_ROWS) lines.push(`… ${rows.length - MAX_ROWS} more rows`);
  return lines.join('\n');
}
