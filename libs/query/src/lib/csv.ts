/** One CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document with a header row; `columns` fixes names and order (a stable contract). */
export function toCsv<T>(rows: T[], columns: [name: string, value: (row: T) => unknown][]): string {
  const lines = [columns.map(([name]) => name).join(','), ...rows.map((row) => columns.map(([, value]) => field(value(row))).join(','))];
  return `${lines.join('\n')}\n`;
}
