import type { CoverageChange } from '../coverage/compare-coverage.js';
import type { Coverage } from '../coverage/compute-coverage.js';
import { code, countDiagnostics, type Diagnostic } from '../diagnostic.js';
import type { ChangedPolicy } from '../gate/changed-policies.js';
import type { GateDecision } from '../gate/decide-gate.js';
import type { Weakening } from '../gate/detect-weakening.js';
import type { Criterion } from '../model/types.js';
import { inertMarkdown, inertText } from './inert-markdown.js';
import { escapeCell, markdownTable } from './markdown-table.js';

/** GitHub refuses a step summary over 1 MiB; stay below it with room to spare. */
export const GATE_SUMMARY_MAX_BYTES = 1_000_000;

export interface GateSummaryInput {
  decision: GateDecision;
  diagnostics: readonly Diagnostic[];
  /** Findings left out of the annotations because of the per-step limits. */
  annotationsOmitted?: number;
  /** The base the head was compared with (`main` and its SHA), or undefined when there was none. */
  base?: { label: string; sha: string };
  /** Changes that make the gate more lenient once merged, shown first. */
  weakenings?: readonly Weakening[];
  /** Whose rule configuration judged the head: the base's, or the head's own when the base had none. */
  rulesFrom?: 'base' | 'head';
  /** Coverage changes against the base; undefined when no base was compared. */
  coverageChanges?: readonly CoverageChange[];
  /** Totals of both sides, for the headline of the coverage delta. */
  totals?: { base?: Coverage['totals']; head?: Coverage['totals'] };
  /** Criteria of the catalog, to name each changed criterion's topic. */
  criteria?: readonly Criterion[];
  changedPolicies?: readonly ChangedPolicy[];
  /** A link to a file (and line) at the head, or undefined for plain text. */
  link?: (file: string, line?: number) => string | undefined;
  maxBytes?: number;
}

/**
 * The job summary of the pull-request gate: the changes that weaken the gate (first, so
 * that code owners see them), verdict, counts, whose rules judged the change, the coverage
 * delta against the base, the changed policies with their required approvers, and every
 * finding. The findings table is cut, with a note, when the summary would exceed
 * `maxBytes`. Pure.
 */
export function formatGateSummary(input: GateSummaryInput): string {
  const counts = countDiagnostics(input.diagnostics);
  const parts: string[] = [];
  if (input.weakenings?.length) parts.push(weakeningSection(input.weakenings));
  parts.push(`## Evident check: ${input.decision.passed ? '✅ passed' : '❌ failed'}\n`);
  parts.push(`**${counts.error}** ${plural(counts.error, 'error')}, **${counts.warning}** ${plural(counts.warning, 'warning')}, **${counts.info}** info\n`);
  if (input.rulesFrom) parts.push(rulesLine(input));
  if (input.decision.reasons.length) parts.push(input.decision.reasons.map((r) => `- ${inertMarkdown(r)}`).join('\n') + '\n');
  parts.push(coverageSection(input));
  parts.push(policiesSection(input));
  const head = parts.join('\n') + '\n';
  return head + findingsSection(input, (input.maxBytes ?? GATE_SUMMARY_MAX_BYTES) - byteLength(head));
}

function weakeningSection(weakenings: readonly Weakening[]): string {
  const lines = [
    `## ⚠️ This pull request weakens the gate (${weakenings.length} ${plural(weakenings.length, 'change')})`,
    '',
    "It was judged with the base's rules and the base's copy of the gate; these changes take effect once it merges. Code owners: review each one.",
    '',
    ...weakenings.map((w) => `- ${inertMarkdown(w.message)}`),
  ];
  return lines.join('\n') + '\n';
}

function rulesLine(input: GateSummaryInput): string {
  if (input.rulesFrom === 'head') return "Judged with the pull request's own rules: the base has no usable `evident.yaml`.\n";
  const at = input.base ? ` (${code(input.base.label)} at ${code(input.base.sha.slice(0, 12))})` : '';
  return `Judged with the base's rules, scope and required sections${at}.\n`;
}

function coverageSection(input: GateSummaryInput): string {
  const lines = ['### Coverage delta', ''];
  if (!input.base || !input.coverageChanges) {
    lines.push('No base commit to compare with: the coverage delta is shown on pull requests and merge queues.');
    return lines.join('\n') + '\n';
  }
  const t = input.totals;
  const covered = (x: Coverage['totals'] | undefined) => (x ? `${x.covered}/${x.criteria}` : '?');
  lines.push(`Compared with ${code(input.base.label)} at ${code(input.base.sha.slice(0, 12))}${t ? `: criteria covered ${covered(t.base)} → ${covered(t.head)}` : ''}.`, '');
  if (input.coverageChanges.length === 0) {
    lines.push('No criterion gains or loses a mapped or implemented control.');
    return lines.join('\n') + '\n';
  }
  const topics = new Map((input.criteria ?? []).map((c) => [c.id, c.topic ?? c.family]));
  const rows = input.coverageChanges.map((c) => [escapePipes(code(c.criterion)), escapeCell(topics.get(c.criterion) ?? ''), side(c.before), side(c.after), describeChange(c)]);
  lines.push(markdownTable(['Criterion', 'Topic', 'Base', 'Head', 'Change'], rows, [0, 1, 2, 3, 4]));
  return lines.join('\n');
}

function side(s: CoverageChange['before']): string {
  if (s.state === 'out-of-scope') return 'out of scope';
  return s.controls.length ? `${s.state} (${s.controls.length})` : s.state;
}

function describeChange(c: CoverageChange): string {
  const items: string[] = [];
  const ids = (list: string[]) => list.map(code).join(', ');
  if (c.gained.length) items.push(`+ mapped ${ids(c.gained)}`);
  if (c.lost.length) items.push(`− mapped ${ids(c.lost)}`);
  if (c.gainedImplemented.length) items.push(`+ implemented ${ids(c.gainedImplemented)}`);
  if (c.lostImplemented.length) items.push(`− implemented ${ids(c.lostImplemented)}`);
  if (c.uncoveredNow) items.push('**no control left**');
  return escapePipes(items.join('; ') || 'state changed');
}

function policiesSection(input: GateSummaryInput): string {
  const lines = ['### Changed policies', ''];
  if (!input.changedPolicies) {
    lines.push('No base commit to compare with.');
    return lines.join('\n') + '\n';
  }
  if (input.changedPolicies.length === 0) {
    lines.push('No policy changed.');
    return lines.join('\n') + '\n';
  }
  const rows = input.changedPolicies.map((p) => {
    const name = `${escapePipes(code(p.id))}${p.title ? ` ${escapeCell(p.title)}` : ''}`;
    const kind = p.previousPath ? `${p.kind} (renamed from ${code(p.previousPath)})` : p.kind;
    const file = linked(input, p.path) ?? escapePipes(code(p.path));
    let approvers = p.requiredApprovers.length ? p.requiredApprovers.map(code).join(', ') : '—';
    if (p.requiredLogins.length) approvers += ` (${p.requiredLogins.map((l) => `@${inertText(l)}`).join(', ')})`;
    if (p.proposedApprovers) approvers += `; the change proposes ${p.proposedApprovers.map(code).join(', ') || 'none'}`;
    return [name, escapePipes(kind), file, escapePipes(approvers)];
  });
  lines.push('A policy change needs approving reviews from the approvers of the version it replaces.', '');
  lines.push(markdownTable(['Policy', 'Change', 'File', 'Required approvers'], rows, [0, 1, 2, 3]));
  return lines.join('\n');
}

function findingsSection(input: GateSummaryInput, budget: number): string {
  const lines = ['### Findings', ''];
  if (input.diagnostics.length === 0) return lines.concat('No findings.', '').join('\n');
  if (input.annotationsOmitted) lines.push(`GitHub shows at most 10 errors and 10 warnings as annotations per step; ${input.annotationsOmitted} more ${input.annotationsOmitted === 1 ? 'finding is' : 'findings are'} listed only here.`, '');
  const rows = input.diagnostics.map((d) => [d.severity, linked(input, d.file, d.line) ?? escapePipes(code(`${d.file}:${d.line ?? 1}`)), inertMarkdown(d.message, true), escapePipes(code(d.ruleId))]);
  const table = markdownTable(['Severity', 'Location', 'Finding', 'Rule'], rows, [1, 2, 3]).trimEnd().split('\n');
  const reserve = 300;
  let used = byteLength(lines.join('\n')) + reserve;
  let shown = 0;
  const out: string[] = [];
  for (const [i, line] of table.entries()) {
    const size = byteLength(line) + 1;
    if (used + size > budget && i >= 2) break;
    used += size;
    out.push(line);
    if (i >= 2) shown += 1;
  }
  lines.push(...out, '');
  if (shown < rows.length) lines.push(`Showing the first ${shown} of ${rows.length} findings to keep this summary under GitHub's size limit; run \`evident check\` for the full list.`, '');
  return lines.join('\n');
}

function linked(input: GateSummaryInput, file: string, line?: number): string | undefined {
  const url = input.link?.(file, line);
  if (!url) return undefined;
  const text = inertText(`${file}${line !== undefined ? `:${line}` : ''}`);
  return `[${text}](${url.replace(/[()\s|<>"\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`;
}

/** Inside a table cell even code spans need `|` escaped. */
function escapePipes(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
