import { countDiagnostics, type Diagnostic } from '../diagnostic.js';
import { inertMarkdown } from './inert-markdown.js';
import { markdownTable } from './markdown-table.js';

/** A findings table for a job summary or a report, with counts. */
export function formatDiagnosticsMarkdown(diagnostics: readonly Diagnostic[]): string {
  const counts = countDiagnostics(diagnostics);
  const head = `**${counts.error}** errors, **${counts.warning}** warnings, **${counts.info}** info\n\n`;
  if (diagnostics.length === 0) return `${head}No findings.\n`;
  const rows = diagnostics.map((d) => [d.severity, `${d.file}:${d.line ?? 1}`, inertMarkdown(d.message, true), d.ruleId]);
  return head + markdownTable(['Severity', 'Location', 'Finding', 'Rule'], rows, [2]);
}
