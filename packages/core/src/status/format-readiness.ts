import { toCsv } from '../format/csv.js';
import { markdownTable } from '../format/markdown-table.js';
import { paintCoverageState } from '../coverage/coverage-state.js';
import { printableValues } from '../format/printable.js';
import { plainStyle, type Style } from '../format/style.js';
import { exceptionResponseFileName } from './exception-response.js';
import type { ExceptionItem, Occurrence, OccurrenceState, ReadinessReport } from './readiness-report.js';
import { readinessLabel } from './readiness-figure.js';

/** Version of the JSON output of `evident status`; bumped on any breaking change (2: `readiness.percent` may be null, with `readiness.reason`). */
export const READINESS_JSON_VERSION = 2;

/** Said wherever a report was computed without evidence records. */
export const NOT_ASSESSED = 'Evidence records were not read: policy approvals, acknowledgments and pull-request populations are not assessed (pass --evidence-branch or --records DIR).';

const stateWords: Record<OccurrenceState, string> = { met: 'met', missing: 'missing', due: 'due', 'not-yet-due': 'not yet due' };
const auditName = (report: ReadinessReport) => (report.audit.type === 'type2' ? 'Type II' : 'Type I');
const span = (report: ReadinessReport) => (report.audit.start === report.audit.end ? `as of ${report.audit.start}` : `${report.audit.start} to ${report.audit.end}`);

/** Occurrences per state, over every control. */
export function countOccurrences(report: ReadinessReport): Record<OccurrenceState, number> {
  const counts: Record<OccurrenceState, number> = { met: 0, missing: 0, due: 0, 'not-yet-due': 0 };
  for (const control of report.controls) for (const o of control.occurrences) counts[o.state] += 1;
  return counts;
}

function summary(report: ReadinessReport): string {
  const c = countOccurrences(report);
  return `${c.met} met, ${c.missing} missing, ${c.due} due, ${c['not-yet-due']} not yet due; ${report.exceptions.length} ${report.exceptions.length === 1 ? 'exception' : 'exceptions'}`;
}

/** Terminal output: the figure and its rule, criteria, each control's occurrences, then exceptions and the responses that answer none (control characters from the repository shown as escapes). */
export function formatReadinessText(untrusted: ReadinessReport, style: Style = plainStyle): string {
  const report = printableValues(untrusted);
  const paint = (o: Occurrence) => {
    const text = `${o.label} ${stateWords[o.state]}${o.spanning?.length ? ` (single item ×${Math.max(...o.spanning.map((x) => x.occurrences))})` : ''}`;
    return o.state === 'met' ? style.green(text) : o.state === 'missing' ? style.red(text) : o.state === 'due' ? style.yellow(text) : style.dim(text);
  };
  const r = report.readiness;
  const figure = r.percent === null ? [style.bold(`Readiness: ${readinessLabel(r)}`), r.reason!] : [`${style.bold(`Readiness ${r.percent}%`)} (${r.met} of ${r.total})`];
  const lines = [style.bold(`${auditName(report)} readiness, ${span(report)}, on ${report.today}`), '', ...figure, style.dim(r.rule), ...(report.assessed?.records === false ? [style.yellow(NOT_ASSESSED)] : []), '', style.bold('Criteria')];
  for (const c of report.criteria) {
    const state = paintCoverageState(c.state, style);
    lines.push(`  ${c.id.padEnd(6)} ${state}${' '.repeat(Math.max(1, 12 - c.state.length))}${c.controls.join(', ') || '-'}${c.missing ? style.red(`  ${c.missing} missing`) : ''}`);
  }
  lines.push('', style.bold('Controls'));
  for (const control of report.controls) {
    lines.push(`  ${control.id.padEnd(7)} ${control.frequency.padEnd(10)} ${control.status.padEnd(11)} ${control.title} ${style.dim(`(owner ${control.owner})`)}`);
    if (control.occurrences.length) lines.push(`          ${control.occurrences.map(paint).join(' · ')}`);
  }
  lines.push('', style.bold(`Exceptions (${report.exceptions.length})`));
  if (report.exceptions.length === 0) lines.push('  None.');
  for (const e of report.exceptions) {
    lines.push(`  ${style.red(e.id)} ${style.dim(`owner ${e.owner}`)}`, `    ${e.detail}`);
    lines.push(e.management_response ? `    Response: ${e.management_response}${e.target_date ? ` (target ${e.target_date})` : ''}` : e.response_unusable ? style.yellow(`    ${unusableResponse(e.response_unusable)}`) : style.dim(`    No management response (exceptions/${exceptionResponseFileName(e.id)})`));
  }
  const stray = report.stray_responses ?? [];
  if (stray.length > 0) {
    lines.push('', style.bold(`${STRAY_HEADING} (${stray.length})`));
    for (const s of stray) lines.push(`  ${s.file}:${s.line}:${s.column} ${style.yellow(s.message)}`);
  }
  lines.push('', summary(report));
  return lines.join('\n') + '\n';
}

/** The heading of the management responses that answer no exception listed. */
const STRAY_HEADING = 'Management responses that answer no exception';

/** An exception's response file that exists but cannot be read as a response. */
function unusableResponse(file: string): string {
  return `Management response unreadable: ${file} does not parse or breaks its schema (run \`evident check\`)`;
}

/** Stable machine-readable output: the report itself with a format version. */
export function formatReadinessJson(report: ReadinessReport): string {
  return JSON.stringify({ version: READINESS_JSON_VERSION, ...report, counts: countOccurrences(report) }, null, 2) + '\n';
}

/** A job summary or a readiness page: figure, rule, criteria, controls and exceptions tables, and the responses that answer none. */
export function formatReadinessMarkdown(report: ReadinessReport): string {
  const r = report.readiness;
  const figure = r.percent === null ? `**Readiness: ${readinessLabel(r)}** on ${report.today}. ${r.reason} ${r.rule}\n` : `**${r.percent}%** ready (${r.met} of ${r.total}) on ${report.today}. ${r.rule}\n`;
  const parts = [`## ${auditName(report)} readiness, ${span(report)}\n`, figure, ...(report.assessed?.records === false ? [`${NOT_ASSESSED}\n`] : []), `Occurrences: ${summary(report)}.\n`];
  parts.push('### Criteria\n', markdownTable(['Criterion', 'Topic', 'State', 'Controls', 'Missing'], report.criteria.map((c) => [c.id, c.topic, c.state, c.controls.join(', ') || '—', String(c.missing)])));
  const occurrenceCell = (o: Occurrence) => `${o.label}: ${stateWords[o.state]}`;
  parts.push('### Controls\n', markdownTable(['Control', 'Frequency', 'Status', 'Owner', 'Occurrences'], report.controls.map((c) => [c.id, c.frequency, c.status, c.owner, c.occurrences.map(occurrenceCell).join(', ') || '—'])));
  parts.push(`### Exceptions (${report.exceptions.length})\n`);
  parts.push(report.exceptions.length === 0 ? 'None.\n' : markdownTable(['Exception', 'Owner', 'Detail', 'Management response'], report.exceptions.map((e) => [e.id, e.owner, e.detail, e.management_response ?? (e.response_unusable ? unusableResponse(e.response_unusable) : `— (exceptions/${exceptionResponseFileName(e.id)})`)])));
  const stray = report.stray_responses ?? [];
  if (stray.length > 0) parts.push(`### ${STRAY_HEADING} (${stray.length})\n`, markdownTable(['File', 'Line', 'Problem'], stray.map((s) => [s.file, String(s.line), s.message])));
  return parts.join('\n');
}

/** exceptions.csv: one row per exception with its owner and the company's response. */
export function formatExceptionsCsv(exceptions: readonly ExceptionItem[]): string {
  return toCsv(
    ['id', 'kind', 'subject', 'owner', 'detail', 'file', 'management_response', 'target_date'],
    exceptions.map((e) => [e.id, e.kind, e.subject, e.owner, e.detail, e.file, e.management_response, e.target_date]),
  );
}

/** Occurrences that need attention: missing, or due and still open. */
export function openOccurrences(report: ReadinessReport): Occurrence[] {
  return report.controls.flatMap((c) => c.occurrences.filter((o) => o.state === 'missing' || o.state === 'due'));
}
