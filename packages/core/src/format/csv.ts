/** One RFC 4180 CSV field. Values that a spreadsheet would run as a formula are prefixed with `'`. */
export function csvField(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (row: readonly unknown[]) => `${row.map(csvField).join(',')}\r\n`;

/** A CSV document with a header row and CRLF line ends. */
export function toCsv(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [headers, ...rows].map(csvLine).join('');
}

/**
 * The document `toCsv` gives for `items.map(row)`, in pieces of at most `rowsPerChunk` rows.
 * Each row is built when its piece is, so a long table is never whole in memory.
 */
export function* csvChunks<T>(headers: readonly string[], items: readonly T[], row: (item: T) => readonly unknown[], rowsPerChunk = 500): Generator<string> {
  yield csvLine(headers);
  for (let start = 0; start < items.length; start += rowsPerChunk) yield items.slice(start, start + rowsPerChunk).map((item) => csvLine(row(item))).join('');
}
