/** Escape a value for a Markdown table cell. */
export function escapeCell(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A GitHub-flavoured Markdown table. Cells are escaped; pass Markdown only through `raw` columns. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[], raw: readonly number[] = []): string {
  const cell = (value: string, index: number) => (raw.includes(index) ? value.replace(/\r?\n/g, ' ') : escapeCell(value));
  const lines = [`| ${headers.map(escapeCell).join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`];
  for (const row of rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  return lines.join('\n') + '\n';
}
