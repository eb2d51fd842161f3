import { csvChunks, type CoverageRow } from '@evident/core';
import type { BundleView } from '../model/build-bundle-view.js';
import { statusMismatch } from '../model/status-mismatch.js';
import { approvers } from './render-list-pages.js';

const list = (values: readonly string[]) => values.join(' ');

/** controls.csv: one row per control. */
export function controlsCsv(view: BundleView): Iterable<string> {
  return csvChunks(
    ['control', 'title', 'owner', 'status', 'frequency', 'criteria', 'policies', 'evidence_required', 'evidence_files_in_period', 'file', 'occurrences_met', 'status_note'],
    view.controls,
    (c) => {
      const mismatch = statusMismatch(view, c);
      return [c.id, c.title, c.owner, c.status, c.frequency, list(c.criteria), list(c.policies), c.evidence.map((e) => e.description).join(' | '), view.evidenceByControl.get(c.id)?.length ?? 0, c.source.path, mismatch.met, mismatch.note ?? ''];
    },
  );
}

/** criteria-matrix.csv: one row per criterion and control (an uncovered criterion has one row without a control). */
export function criteriaMatrixCsv(view: BundleView): Iterable<string> {
  const controls = new Map(view.controls.map((c) => [c.id, c]));
  type Pair = { row: CoverageRow; control?: CoverageRow['controls'][number] };
  const pairs = view.coverage.rows.flatMap((row): Pair[] => (row.controls.length === 0 ? [{ row }] : row.controls.map((control) => ({ row, control }))));
  return csvChunks(['criterion', 'category', 'topic', 'criterion_state', 'control', 'control_title', 'control_status', 'policies', 'evidence_count', 'evidence_files'], pairs, ({ row, control: c }) => {
    const base = [row.criterion.id, row.criterion.category, row.criterion.topic ?? row.criterion.family, row.state];
    if (!c) return [...base, '', '', '', list(row.policies), 0, ''];
    const evidence = view.evidenceByControl.get(c.id) ?? [];
    return [...base, c.id, c.title, c.status, list(controls.get(c.id)?.policies ?? []), evidence.length, list(evidence.map((e) => e.bundlePath ?? ''))];
  });
}

/** policies.csv: one row per policy with its content hash and approval of that content. */
export function policiesCsv(view: BundleView): Iterable<string> {
  return csvChunks(
    ['policy', 'title', 'version', 'status', 'owner', 'effective_date', 'content_sha256', 'approved', 'approval_pr', 'approval_merged_at', 'approval_record', 'acknowledgments', 'file'],
    view.policies,
    (p) => [p.policy.id, p.policy.title, p.policy.version, p.policy.status, p.policy.owner, p.policy.effective_date, p.sha256, p.current ? 'yes' : 'no', p.current?.pull_request.number ?? '', p.current?.pull_request.merged_at ?? '', p.current?.record ?? '', p.acknowledgments.length, p.policy.source.path],
  );
}

/** acknowledgments.csv: person, policy, version, content hash, PR and when it was approved. */
export function acknowledgmentsCsv(view: BundleView): Iterable<string> {
  return csvChunks(
    ['person', 'github', 'policy', 'version', 'content_sha256', 'pr', 'approved_at', 'record'],
    view.acknowledgments,
    (a) => [a.person, a.github, a.policy, a.version, a.sha256, a.pull_request, a.approved_at, a.record],
  );
}

/** policy-history.csv: every commit that changed a policy in the period, with its pull request and approvals. */
export function policyHistoryCsv(view: BundleView): Iterable<string> {
  return csvChunks(
    ['commit', 'committed_at', 'author', 'email', 'subject', 'pr', 'files', 'approved_by', 'approval_records'],
    view.history,
    (c) => [c.commit, c.committed_at, c.author, c.email, c.subject, c.pull_request ?? '', c.files.map((f) => `${f.status}:${f.path}`).join(' '), approvers(c.approvals), list([...new Set(c.approvals.map((a) => a.record))])],
  );
}

/** exceptions.csv: every gap with its owner and management response. */
export function exceptionsCsv(view: BundleView): Iterable<string> {
  return csvChunks(
    ['id', 'kind', 'subject', 'owner', 'detail', 'management_response', 'target_date', 'response_file', 'file'],
    view.exceptions,
    (e) => [e.id, e.kind, e.subject, e.owner, e.detail, e.management_response ?? '', e.target_date ?? '', e.response_file ?? '', e.file ?? ''],
  );
}

/** evidence-index.csv: every file under the evidence folder, included or not, with its period, source and SHA-256. */
export function evidenceIndexCsv(view: BundleView): Iterable<string> {
  return csvChunks(
    ['file', 'included', 'reason', 'bundle_path', 'controls', 'period', 'period_start', 'period_end', 'collected_at', 'collected_by', 'source', 'size', 'sha256', 'declared_sha256', 'notes'],
    view.evidence,
    (e) => [e.path, e.included ? 'yes' : 'no', e.reason ?? '', e.bundlePath ?? '', list(e.controls), e.covers?.label ?? '', e.covers?.start ?? '', e.covers?.end ?? '', e.collected_at ?? '', e.collected_by ?? '', e.source ?? '', e.size ?? '', e.sha256 ?? '', e.declared ?? '', e.notes.join(' | ')],
  );
}
