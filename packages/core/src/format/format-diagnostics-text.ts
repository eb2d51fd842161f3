import { countDiagnostics, type Diagnostic } from '../diagnostic.js';
import { printable } from './printable.js';
import { plainStyle, type Style } from './style.js';

/**
 * `file:line:col severity message [rule]`, grouped by file, followed by a
 * one-line summary. Related locations follow their finding, indented. File names, messages and rule
 * ids come from the repository (a message quotes frontmatter values): each is passed through
 * `printable`, so no control character (an escape sequence, a bell) reaches the terminal.
 */
export function formatDiagnosticsText(diagnostics: readonly Diagnostic[], style: Style = plainStyle): string {
  const lines: string[] = [];
  let currentFile: string | undefined;
  for (const d of diagnostics) {
    if (d.file !== currentFile) {
      if (currentFile !== undefined) lines.push('');
      lines.push(style.underline(printable(d.file)));
      currentFile = d.file;
    }
    const where = printable(`${d.file}:${d.line ?? 1}:${d.column ?? 1}`);
    const severity = d.severity === 'error' ? style.red('error') : d.severity === 'warning' ? style.yellow('warning') : style.blue('info');
    lines.push(`  ${where} ${severity} ${printable(d.message)} ${style.dim(`[${printable(d.ruleId)}]`)}`);
    for (const r of d.related ?? []) lines.push(style.dim(printable(`    ${r.file}:${r.line ?? 1}: ${r.message}`)));
  }
  const counts = countDiagnostics(diagnostics);
  if (lines.length) lines.push('');
  const summary = `${counts.error} ${plural(counts.error, 'error')}, ${counts.warning} ${plural(counts.warning, 'warning')}, ${counts.info} info`;
  lines.push(counts.error > 0 ? style.red(style.bold(summary)) : counts.warning > 0 ? style.yellow(summary) : style.green(summary));
  return lines.join('\n') + '\n';
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
