import { populationStanding, type ChangePopulationSubject, type IsoDate, type PopulationPullRequest, type RecordProblem, type ReviewRef } from '@evident/core';
import type { BundleView } from './build-bundle-view.js';

/** One merged pull request of the change population, from the latest record that lists it. */
export interface ChangeRow {
  repository: string;
  pull: PopulationPullRequest;
  /** Record file on the evidence branch. */
  record: string;
  /** Approving reviews that count (core's populationStanding): not the author's, at or before the merge, on the merged head. */
  approvals: ReviewRef[];
  /** Whether it counts as approved before the merge: the record says so and its own reviews support it, by the assessment date. */
  approved: boolean;
  /** Why the record cannot be counted as it stands: it contradicts itself, or the merge is dated after the assessment date. */
  problems: RecordProblem[];
  /** False for records collected before reviews were cut at the merge: their reviews may include later ones. */
  cutAtMerge: boolean;
  /** `unapproved`, `record-problem`, `bypassed`, `checks-failing`, `checks-unread`, `no-ticket`, `late-review`. */
  tags: string[];
}

const PASSING = new Set(['success', 'neutral', 'skipped']);

/**
 * Every pull request merged in the period in the change-population records, once per repository
 * and number (the latest record in the chain decides), in merge order. Pure.
 */
export function changeRows(view: Pick<BundleView, 'chain' | 'inputs'>): ChangeRow[] {
  const { period } = view.inputs;
  const latest = new Map<string, ChangeRow>();
  for (const { file, record } of view.chain.trusted) {
    if (record.kind !== 'change-population') continue;
    const subject = record.subject as Partial<ChangePopulationSubject> | undefined;
    for (const pull of Array.isArray(subject?.pull_requests) ? subject.pull_requests : []) {
      const day = typeof pull.merged_at === 'string' ? pull.merged_at.slice(0, 10) : '';
      if (day < period.start || day > period.end) continue;
      latest.set(`${record.repository}#${pull.number}`, row(record.repository, pull, file, view.inputs.today));
    }
  }
  return [...latest.values()].sort((a, b) => (a.pull.merged_at ?? '').localeCompare(b.pull.merged_at ?? '') || a.repository.localeCompare(b.repository) || a.pull.number - b.pull.number);
}

function row(repository: string, pull: PopulationPullRequest, record: string, asOf: IsoDate): ChangeRow {
  const { approved, approvals, problems } = populationStanding(pull, asOf);
  const cutAtMerge = pull.reviews_after_merge !== undefined;
  const tags: string[] = [];
  if (!approved) tags.push('unapproved');
  if (problems.length > 0) tags.push('record-problem');
  if (pull.bypass?.bypassed) tags.push('bypassed');
  const results = pull.status_checks?.results ?? [];
  if (pull.status_checks && (pull.status_checks.required.some((name) => !results.some((r) => r.name === name && PASSING.has(r.conclusion))) || results.some((r) => !PASSING.has(r.conclusion)))) tags.push('checks-failing');
  if (!pull.status_checks?.readable) tags.push('checks-unread');
  if ((pull.references ?? []).length === 0) tags.push('no-ticket');
  if ((pull.reviews_after_merge ?? []).length > 0) tags.push('late-review');
  return { repository, pull, record, approvals, approved, problems, cutAtMerge, tags };
}

/** The counts the change population page shows. Pure. */
export function changeCounts(rows: readonly ChangeRow[]) {
  const count = (tag: string) => rows.filter((r) => r.tags.includes(tag)).length;
  return { merged: rows.length, approved: rows.length - count('unapproved'), unapproved: count('unapproved'), recordProblems: count('record-problem'), bypassed: count('bypassed'), checksFailing: count('checks-failing'), withTicket: rows.length - count('no-ticket') };
}

/** `reviewer time commit`, as the CSV (full commit) and the page (short commit) show a review. */
export const describeReview = (r: ReviewRef, short = false) => `${r.reviewer} ${r.submitted_at ?? 'unknown-time'} ${short ? (r.commit_id ?? 'unknown-commit').slice(0, 12) : (r.commit_id ?? 'unknown-commit')}`;
