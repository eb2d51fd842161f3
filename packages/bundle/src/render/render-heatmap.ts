import { addMonths, daysBetween } from '@evident/core';
import Handlebars from 'handlebars';
import type { AuditPeriod } from '../bundle-inputs.js';
import type { OccurrenceRow, ShownState } from './occurrence-rows.js';
import { STATE_LABELS } from './occurrence-rows.js';

/** How each state is drawn: fills that stay apart in grey print, and a hatch on what is missing. */
const FILLS: Record<ShownState | 'spanning', string> = {
  met: '#1a7f37',
  spanning: 'url(#hm-spanning)',
  missing: 'url(#hm-missing)',
  excepted: '#bf8700',
  due: '#54aeff',
  'not-yet-due': '#eaeef2',
};
export const HEATMAP_LEGEND: { key: ShownState | 'spanning'; label: string }[] = [
  { key: 'met', label: 'met' },
  { key: 'spanning', label: 'met only by a single item covering several occurrences' },
  { key: 'missing', label: 'missing (past due, no evidence)' },
  { key: 'excepted', label: 'missing, with a management response' },
  { key: 'due', label: 'due, still open' },
  { key: 'not-yet-due', label: 'not yet due' },
];

const WIDTH = 960;
const LABEL = 110;
const CHART = WIDTH - LABEL - 10;
const ROW = 20;
const TOP = 26;
const esc = (text: string) => Handlebars.escapeExpression(text);

/** The fill key of an occurrence: its state, or `spanning` when met only by one item covering several. */
export const heatmapKey = (row: OccurrenceRow): ShownState | 'spanning' => (row.state === 'met' && row.spanningNote ? 'spanning' : row.state);

/** A swatch of the legend, as a tiny SVG using the heatmap's patterns (defined once, in the heatmap). */
export function legendSwatch(key: ShownState | 'spanning'): string {
  return `<svg class="swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><rect x="0.5" y="0.5" width="13" height="13" fill="${FILLS[key]}" stroke="#57606a" stroke-width="0.5"/></svg>`;
}

const PATTERNS = '<defs><pattern id="hm-missing" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="4" fill="#cf222e"/><rect width="1.5" height="4" fill="#fff"/></pattern><pattern id="hm-spanning" width="4" height="4" patternUnits="userSpaceOnUse"><rect width="4" height="4" fill="#1a7f37"/><circle cx="2" cy="2" r="0.9" fill="#fff"/></pattern></defs>';

/**
 * The occurrences heatmap: one row per control, one cell per occurrence placed on the audit period's
 * timeline (a weekly control has narrow cells, a quarterly one wide cells), each with a title that says
 * what it is. Inline SVG: no script, prints as drawn. `controlHref` links each row's label. Pure.
 */
export function renderHeatmap(rows: readonly OccurrenceRow[], period: AuditPeriod, controlHref: (id: string) => string): string {
  const controls = [...new Set(rows.map((r) => r.control))];
  const days = daysBetween(period.start, period.end) + 1;
  const x = (date: string) => LABEL + (CHART * Math.min(Math.max(daysBetween(period.start, date), 0), days)) / days;
  const height = TOP + controls.length * ROW + 4;
  const out: string[] = [];
  out.push(`<svg id="heatmap" class="heatmap" role="img" aria-labelledby="heatmap-title heatmap-desc" viewBox="0 0 ${WIDTH} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">`);
  out.push(`<title id="heatmap-title">Occurrences of each control over the audit period ${esc(period.start)} to ${esc(period.end)}</title>`);
  const counts = HEATMAP_LEGEND.map(({ key, label }) => `${rows.filter((r) => heatmapKey(r) === key).length} ${label}`).join(', ');
  out.push(`<desc id="heatmap-desc">${controls.length} controls, ${rows.length} occurrences: ${esc(counts)}. Each cell's title names the control, the occurrence, its window, its state and its evidence; the same data is in occurrences.csv and on each control page.</desc>`);
  out.push(PATTERNS);
  for (let month = `${period.start.slice(0, 7)}-01`; month <= period.end; month = addMonths(month, 1)) {
    const at = x(month < period.start ? period.start : month);
    out.push(`<line x1="${at.toFixed(1)}" y1="${TOP - 6}" x2="${at.toFixed(1)}" y2="${height}" stroke="#d0d7de" stroke-width="0.5"/><text x="${(at + 2).toFixed(1)}" y="${TOP - 10}" font-size="10" fill="#57606a">${esc(month.slice(0, 7))}</text>`);
  }
  controls.forEach((control, i) => {
    const y = TOP + i * ROW;
    out.push(`<a href="${esc(controlHref(control))}"><text x="4" y="${y + 13}" font-size="11" fill="#0a58ca">${esc(control)}</text></a>`);
    for (const row of rows.filter((r) => r.control === control)) {
      const o = row.occurrence;
      const population = o.label === 'population';
      const left = x(o.start);
      const width = Math.max(x(o.end) + CHART / days - left - 1, 2);
      const [top, tall] = population ? [y + 12, 4] : [y + 2, 14];
      const evidence = [...row.files.map((f) => f.path), ...row.records.map((r) => r.path)];
      const title = `${control} ${o.label} (${o.start} to ${o.end}, due ${o.due}): ${STATE_LABELS[row.state]}${row.spanningNote ? `, ${row.spanningNote}` : ''}${evidence.length ? `; evidence ${evidence.join(', ')}` : ''}`;
      out.push(`<rect class="hm-cell" data-control="${esc(control)}" data-occurrence="${esc(o.label)}" data-state="${row.state}"${row.spanningNote ? ' data-spanning="yes"' : ''} x="${left.toFixed(1)}" y="${top}" width="${width.toFixed(1)}" height="${tall}" fill="${FILLS[heatmapKey(row)]}" stroke="#57606a" stroke-width="0.4"><title>${esc(title)}</title></rect>`);
    }
  });
  out.push('</svg>');
  return out.join('\n');
}
