/**
 * The rows of a CSV as the bundle writes it (RFC 4180: fields in double quotes may hold commas, line
 * breaks and doubled quotes), the header row first. A last line without a line break counts; an empty
 * last line does not. Pure.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Rows of a CSV after its header row, as `parseCsv` reads them. Pure. */
export function csvRows(bytes: Buffer): number {
  return Math.max(0, parseCsv(bytes.toString('utf8')).length - 1);
}
