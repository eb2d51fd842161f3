import type { ApprovalSubject, PopulationPullRequest, PullRequestRef, ReviewRef } from '../evidence/evidence-record.js';
import type { RepositoryModel } from '../model/repository-model.js';
import { expandReference } from '../rules/resolve-references.js';
import type { IsoDate } from '../time/calendar.js';
import { sameLogin } from '../evidence/same-login.js';

/** Why a review a record lists does not count as an approval. */
export type ReviewDiscount = 'not-an-approval' | 'self-approval' | 'time-unknown' | 'after-merge' | 'older-head' | 'after-as-of';

/** One review of a record, and whether it counts as an approval of the pull request (with why not). */
export interface CountedReview {
  review: ReviewRef;
  counts: boolean;
  reason?: ReviewDiscount;
  /** A sentence for the auditor when it does not count. */
  detail?: string;
}

/** A record whose content cannot be counted as it stands. */
export interface RecordProblem {
  /** `record-contradicts-itself`: its flags claim an approval its own reviews do not support; `record-after-as-of`: dated after the assessment date. */
  kind: 'record-contradicts-itself' | 'record-after-as-of';
  detail: string;
}

// The standings judge the record's own facts without the assessment date (a record dated after it is one
// problem, not also a contradiction): its pull request merged after `asOf` is what keeps it from counting.

/** What a pull request's record supports: the approvals that count, the reviews that do not and why, and the record's problems. */
export interface RecordStanding {
  approved: boolean;
  approvals: ReviewRef[];
  excluded: CountedReview[];
  problems: RecordProblem[];
}

type PullFacts = Pick<PullRequestRef, 'number' | 'author' | 'merged_at' | 'head_sha'>;

const day = (timestamp: string | null | undefined): IsoDate | undefined => (typeof timestamp === 'string' && /^\d{4}-\d{2}-\d{2}/.test(timestamp) ? timestamp.slice(0, 10) : undefined);
const sameReviewer = (a: string | null | undefined, b: string | null | undefined) => typeof a === 'string' && typeof b === 'string' && sameLogin(a, b);
const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/** Whether a timestamp falls on a day after `asOf` (never when either is absent). Pure. */
export function datedAfter(timestamp: string | null | undefined, asOf: IsoDate | undefined): boolean {
  const on = day(timestamp);
  return asOf !== undefined && on !== undefined && on > asOf;
}

/**
 * Whether each review a record lists counts as an approval of its pull request, and why not. Pure.
 * A review counts when it approves, is not by the pull request's author, was submitted at or before
 * `merged_at` (a merged pull request's review without a time cannot be shown to precede the merge),
 * is on the merged head commit when the review records its commit, and, given `asOf`, was not
 * submitted after the assessment date.
 */
export function reviewCounts(pull: PullFacts, reviews: readonly ReviewRef[], asOf?: IsoDate): CountedReview[] {
  return reviews.map((review): CountedReview => {
    const who = `@${review.reviewer}`;
    const no = (reason: ReviewDiscount, detail: string): CountedReview => ({ review, counts: false, reason, detail });
    if (String(review.state).toUpperCase() !== 'APPROVED') return no('not-an-approval', `${who}'s review is ${review.state}, not an approval`);
    if (sameReviewer(review.reviewer, pull.author)) return no('self-approval', `${who} approved their own pull request #${pull.number}`);
    if (typeof pull.merged_at === 'string') {
      if (typeof review.submitted_at !== 'string' || Number.isNaN(Date.parse(review.submitted_at))) return no('time-unknown', `${who}'s approval has no submission time, so it cannot be shown to precede the merge at ${pull.merged_at}`);
      if (Date.parse(review.submitted_at) > Date.parse(pull.merged_at)) return no('after-merge', `${who} approved at ${review.submitted_at}, after the merge at ${pull.merged_at}`);
    }
    if (typeof review.commit_id === 'string' && typeof pull.head_sha === 'string' && review.commit_id !== pull.head_sha) return no('older-head', `${who} approved commit ${review.commit_id}, not the merged head ${pull.head_sha}`);
    if (datedAfter(review.submitted_at, asOf)) return no('after-as-of', `${who} approved at ${review.submitted_at}, after the assessment date ${asOf}`);
    return { review, counts: true };
  });
}

const afterAsOf = (pull: PullFacts, asOf: IsoDate | undefined): RecordProblem[] =>
  datedAfter(pull.merged_at, asOf) ? [{ kind: 'record-after-as-of', detail: `Pull request #${pull.number} was merged at ${pull.merged_at}, after the assessment date ${asOf}: the record is dated after the assessment date and is not counted` }] : [];

const excludedText = (excluded: readonly CountedReview[]) => (excluded.length ? excluded.map((e) => e.detail).join('; ') : 'it lists no review');

/**
 * One merged pull request of a change-population record: approved when the record says so
 * (`merged_without_approval: false`) and at least one reviewer it names in `approved_by` has a review
 * that counts (see reviewCounts). A record saying approved without such a review contradicts itself. Pure.
 */
export function populationStanding(pull: PopulationPullRequest, asOf?: IsoDate): RecordStanding {
  const named = list<string>(pull.approved_by);
  const reviews = reviewCounts(pull, list<ReviewRef>(pull.reviews));
  const approvals = reviews.filter((r) => r.counts && named.some((n) => sameLogin(n, r.review.reviewer))).map((r) => r.review);
  const excluded = reviews.filter((r) => !r.counts && String(r.review.state).toUpperCase() === 'APPROVED');
  const problems = afterAsOf(pull, asOf);
  if (pull.merged_without_approval === false && approvals.length === 0) {
    problems.push({ kind: 'record-contradicts-itself', detail: `The record says pull request #${pull.number} was approved before the merge${named.length ? ` (by ${named.join(', ')})` : ''}, but none of its reviews counts: ${excludedText(excluded)}` });
  }
  return { approved: pull.merged_without_approval === false && approvals.length > 0 && problems.length === 0, approvals, excluded, problems };
}

/** The roster a policy's required approvers are expanded with (teams to their members). */
export type ApproverRoster = Pick<RepositoryModel, 'people' | 'teams'>;

/** A policy of an approval record, with the required approvers no counting review satisfies. */
export interface PolicyStanding extends RecordStanding {
  missing: string[];
}

/**
 * One policy of a `policy-approval` record: approved when the record says so (`approved: true`) and
 * its own reviews support it: every required approver (a team by any one member, people as `roster`
 * names them) has a review that counts (see reviewCounts). A record saying approved without that
 * support contradicts itself. Pure.
 */
export function policyStanding(pull: PullRequestRef, policy: ApprovalSubject['policies'][number], roster: ApproverRoster, asOf?: IsoDate): PolicyStanding {
  const reviews = reviewCounts(pull, list<ReviewRef>(policy.approvals));
  const approvals = reviews.filter((r) => r.counts).map((r) => r.review);
  const excluded = reviews.filter((r) => !r.counts && String(r.review.state).toUpperCase() === 'APPROVED');
  const by = new Set(approvals.map((r) => r.person ?? roster.people.find((p) => sameLogin(p.github, r.reviewer))?.id).filter((p): p is string => typeof p === 'string'));
  const required = list<string>(policy.required_approvers);
  const missing = required.filter((a) => !by.has(a) && !expandReference(roster as RepositoryModel, a).some((m) => by.has(m)));
  const supported = required.length > 0 && missing.length === 0;
  const problems = afterAsOf(pull, asOf);
  if (policy.approved === true && !supported) {
    const why = required.length === 0 ? 'it names no required approver' : `no review that counts comes from ${missing.join(', ')}${excluded.length ? ` (${excludedText(excluded)})` : ''}`;
    problems.push({ kind: 'record-contradicts-itself', detail: `The record says policy ${policy.id} version ${policy.version} was approved in pull request #${pull.number}, but ${why}` });
  }
  return { approved: policy.approved === true && supported && problems.length === 0, approvals, excluded, missing, problems };
}
