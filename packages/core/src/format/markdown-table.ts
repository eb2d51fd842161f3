import { inertText } from './inert-markdown.js';

/** Escape a value for a Markdown table cell: it renders as the text it holds (no HTML, link, image or emphasis), on one line. */
export function escapeCell(value: string): string {
  return inertText(value);
}

/**
 * A GitHub-flavoured Markdown table. Cells are escaped; pass Markdown only through `raw` columns,
 * whose cells must already be safe (their `|` escaped, any text from a repository made inert).
 */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[], raw: readonly number[] = []): string {
  const cell = (value: string, index: number) => (raw.includes(index) ? value.replace(/\r?\n/g, ' ') : escapeCell(value));
  const lines = [`| ${headers.map(escapeCell).join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`];
  for (const row of rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  return lines.join('\n') + '\n';
}
