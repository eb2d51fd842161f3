import type { BranchRulesSubject, ChangePopulationSubject, Person, PopulationPullRequest, StatusChecks } from '@evident/core';
import { findPersonByLogin } from '../find-person-by-login.js';
import type { PullRequestReview } from '../fetch-pull-request-facts.js';
import { latestReviewByReviewer, pullRequestRef, reviewRef } from '../review-helpers.js';
import { reviewVerdict } from '../review-verdict.js';
import { decideBypass } from './decide-bypass.js';
import { ticketReferences } from './ticket-references.js';

/** A merged pull request as read from GitHub, with every review. */
export interface MergedPullFacts {
  number: number;
  url: string;
  title: string;
  /** The description, for ticket references (absent: none read). */
  body?: string | null;
  author: string;
  base: string;
  head_sha: string;
  merge_commit_sha: string | null;
  merged_at: string;
  merged_by: string | null;
  /** Chronological, every page read. */
  reviews: PullRequestReview[];
  /** The status checks at the head commit (absent: not read). */
  checks?: Omit<StatusChecks, 'required'>;
  /** What the base branch's rules require, as read at collection (absent: not read). */
  rules?: BranchRulesSubject['summary'];
}

/** Submitted at or before the merge: only these reviews count. A review without a time does not. */
export const submittedBy = (review: PullRequestReview, mergedAt: string): boolean => review.submitted_at !== null && Date.parse(review.submitted_at) <= Date.parse(mergedAt);

/**
 * One entry of the change population: approved when some reviewer other than the author has,
 * as their latest review that is not a comment submitted at or before the merge, approved the
 * final head commit. Reviews submitted after the merge are listed apart and never counted. Pure.
 */
export function decidePopulationEntry(pull: MergedPullFacts, people: readonly Person[]): PopulationPullRequest {
  const before = pull.reviews.filter((r) => submittedBy(r, pull.merged_at));
  const after = pull.reviews.filter((r) => !submittedBy(r, pull.merged_at));
  const latest = latestReviewByReviewer(before);
  const approvedBy = latest
    .filter((r) => reviewVerdict(r, pull) === 'approves-head')
    .map((r) => r.login!)
    .sort();
  const statusChecks = pull.checks ? { readable: pull.checks.readable, required: [...(pull.rules?.required_status_checks ?? [])], results: pull.checks.results } : undefined;
  return {
    ...pullRequestRef({ pull }),
    base: pull.base,
    author_person: findPersonByLogin(people, pull.author)?.id ?? null,
    reviews: latest.map((r) => reviewRef(r, people)),
    approved_by: approvedBy,
    merged_without_approval: approvedBy.length === 0,
    reviews_after_merge: latestReviewByReviewer(after).map((r) => reviewRef(r, people)),
    ...(statusChecks ? { status_checks: statusChecks } : {}),
    ...(pull.rules ? { bypass: decideBypass(pull.rules, latest, pull, statusChecks) } : {}),
    ...(pull.body !== undefined ? { references: ticketReferences(pull.title, pull.body) } : {}),
  };
}

/** The population of a period, in merge order, with its totals. Pure. */
export function decideChangePopulation(pulls: readonly MergedPullFacts[], period: { start: string; end: string }, people: readonly Person[]): ChangePopulationSubject {
  const entries = pulls
    .map((pull) => decidePopulationEntry(pull, people))
    .sort((a, b) => (a.merged_at ?? '').localeCompare(b.merged_at ?? '') || a.number - b.number);
  const totals = { merged: entries.length, merged_without_approval: entries.filter((e) => e.merged_without_approval).length };
  const bypassed = entries.some((e) => e.bypass) ? { bypassed: entries.filter((e) => e.bypass?.bypassed).length } : {};
  return { period: { ...period }, pull_requests: entries, totals: { ...totals, ...bypassed } };
}
