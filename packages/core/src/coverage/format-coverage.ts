import { toCsv } from '../format/csv.js';
import { markdownTable } from '../format/markdown-table.js';
import { printableValues } from '../format/printable.js';
import { plainStyle, type Style } from '../format/style.js';
import type { Coverage } from './compute-coverage.js';
import { paintCoverageState } from './coverage-state.js';

/** Terminal output, by family (control characters from the repository shown as escapes). */
export function formatCoverageText(untrusted: Coverage, style: Style = plainStyle): string {
  const coverage = printableValues(untrusted);
  const lines: string[] = [];
  let family = '';
  for (const row of coverage.rows) {
    if (row.criterion.family !== family) {
      family = row.criterion.family;
      lines.push(style.bold(family));
    }
    const state = paintCoverageState(row.state, style);
    const controls = row.controls.map((c) => `${c.id} (${c.status})`).join(', ') || '-';
    lines.push(`  ${row.criterion.id.padEnd(6)} ${state.padEnd(11)} ${controls}${row.policies.length ? style.dim(`  policies: ${row.policies.join(', ')}`) : ''}`);
  }
  const t = coverage.totals;
  lines.push('', `${t.covered}/${t.criteria} criteria covered: ${t.operating} operating, ${t.implemented} implemented, ${t.planned} planned, ${t.uncovered} uncovered`);
  return lines.join('\n') + '\n';
}

export function formatCoverageJson(coverage: Coverage): string {
  return (
    JSON.stringify(
      {
        version: 1,
        totals: coverage.totals,
        criteria: coverage.rows.map((r) => ({ id: r.criterion.id, category: r.criterion.category, family: r.criterion.family, state: r.state, controls: r.controls.map(({ id, title, status }) => ({ id, title, status })), policies: r.policies })),
      },
      null,
      2,
    ) + '\n'
  );
}

export function formatCoverageMarkdown(coverage: Coverage): string {
  const rows = coverage.rows.map((r) => [r.criterion.id, r.criterion.topic ?? r.criterion.family, r.state, r.controls.map((c) => `${c.id} (${c.status})`).join(', ') || '—', r.policies.join(', ') || '—']);
  const t = coverage.totals;
  return `${markdownTable(['Criterion', 'Topic', 'State', 'Controls', 'Policies'], rows)}\n**${t.covered}/${t.criteria}** criteria covered: ${t.operating} operating, ${t.implemented} implemented, ${t.planned} planned, ${t.uncovered} uncovered.\n`;
}

export function formatCoverageCsv(coverage: Coverage): string {
  return toCsv(
    ['criterion', 'category', 'family', 'state', 'controls', 'policies'],
    coverage.rows.map((r) => [r.criterion.id, r.criterion.category, r.criterion.family, r.state, r.controls.map((c) => `${c.id}:${c.status}`).join(' '), r.policies.join(' ')]),
  );
}
