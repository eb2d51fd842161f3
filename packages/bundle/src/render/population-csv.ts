import { csvChunks } from '@evident/core';
import type { ChangeRow } from '../model/change-rows.js';
import { describeReview } from '../model/change-rows.js';
import type { PolicyVersion } from '../model/policy-versions.js';
import type { WorkforceRow } from '../model/workforce-rows.js';
import { approvers } from './render-list-pages.js';

const list = (values: readonly string[]) => values.join(' ');

/** The header of workforce.csv (documented in docs/bundle.md). */
export const WORKFORCE_COLUMNS = ['id', 'name', 'login', 'email', 'roles', 'teams', 'manager', 'manager_name', 'start', 'end', 'in_period'];

/** workforce.csv: one row per person of the roster. */
export function workforceCsv(rows: readonly WorkforceRow[]): Iterable<string> {
  return csvChunks(WORKFORCE_COLUMNS, rows, (r) => [r.person.id, r.person.name, r.person.github, r.person.email, list(r.person.roles), list(r.teams), r.person.manager ?? '', r.managerName ?? '', r.person.start_date, r.person.end_date ?? '', list(r.tags.filter((t) => t !== 'no-manager'))]);
}

/** The header of change-population.csv (documented in docs/bundle.md). */
export const CHANGES_COLUMNS = [
  'repository', 'number', 'title', 'url', 'author', 'author_person', 'merged_by', 'merged_at', 'merge_commit_sha', 'head_sha',
  'approved_before_merge', 'approvals_before_merge', 'reviews_after_merge', 'review_cutoff',
  'required_checks', 'check_results', 'checks_readable', 'rules_bypassed', 'bypass_reasons', 'references', 'record', 'record_problems',
];

/** change-population.csv: every pull request merged in the period, from the change-population records. */
export function changesCsv(rows: readonly ChangeRow[]): Iterable<string> {
  return csvChunks(CHANGES_COLUMNS, rows, ({ repository, pull, record, approvals, approved, problems, cutAtMerge }) => [
    repository,
    pull.number,
    pull.title,
    pull.url,
    pull.author,
    pull.author_person ?? '',
    pull.merged_by ?? '',
    pull.merged_at ?? '',
    pull.merge_commit_sha ?? '',
    pull.head_sha,
    approved ? 'yes' : 'no',
    approvals.map((r) => describeReview(r)).join(' | '),
    (pull.reviews_after_merge ?? []).map((r) => `${describeReview(r)} ${r.state}`).join(' | '),
    cutAtMerge ? 'merged_at' : 'not recorded',
    list(pull.status_checks?.required ?? []),
    (pull.status_checks?.results ?? []).map((r) => `${r.name}=${r.conclusion}`).join(' | '),
    pull.status_checks ? (pull.status_checks.readable ? 'yes' : 'no') : 'not recorded',
    pull.bypass ? (pull.bypass.bypassed ? 'yes' : 'no') : 'not recorded',
    (pull.bypass?.reasons ?? []).join(' | '),
    list(pull.references ?? []),
    record,
    problems.map((p) => `${p.kind}: ${p.detail}`).join(' | '),
  ]);
}

/** The header of policy-versions.csv (documented in docs/bundle.md). */
export const POLICY_VERSIONS_COLUMNS = ['policy', 'version', 'title', 'status', 'effective_from', 'effective_to', 'content_sha256', 'commit', 'file', 'pr', 'approved_by', 'approval_records', 'page', 'markdown', 'frontmatter_effective_date', 'exceptions'];

/** policy-versions.csv: every policy version in force at some time in the period. */
export function policyVersionsCsv(versions: readonly PolicyVersion[]): Iterable<string> {
  return csvChunks(POLICY_VERSIONS_COLUMNS, versions, (v) => [v.id, v.version, v.title, v.status, v.from, v.to ?? '', v.sha256, v.commit, v.path, v.pullRequest ?? '', approvers(v.approvals), list([...new Set(v.approvals.map((a) => a.record))]), v.page, v.markdown, v.effective ?? '', list(v.flags)]);
}
