import type { ChangePopulationSubject, Person, PopulationPullRequest } from '@evident/core';
import { findPersonByLogin } from '../find-person-by-login.js';
import type { PullRequestReview } from '../fetch-pull-request-facts.js';
import { latestReviewByReviewer, pullRequestRef, reviewRef } from '../review-helpers.js';
import { reviewVerdict } from '../review-verdict.js';

/** A merged pull request as read from GitHub, with every review. */
export interface MergedPullFacts {
  number: number;
  url: string;
  title: string;
  author: string;
  base: string;
  head_sha: string;
  merge_commit_sha: string | null;
  merged_at: string;
  merged_by: string | null;
  /** Chronological, every page read. */
  reviews: PullRequestReview[];
}

/**
 * One entry of the change population: approved when some reviewer other than the author
 * has, as their latest review that is not a comment, approved the final head commit. Pure.
 */
export function decidePopulationEntry(pull: MergedPullFacts, people: readonly Person[]): PopulationPullRequest {
  const latest = latestReviewByReviewer(pull.reviews);
  const approvedBy = latest
    .filter((r) => reviewVerdict(r, pull) === 'approves-head')
    .map((r) => r.login!)
    .sort();
  return {
    ...pullRequestRef({ pull }),
    base: pull.base,
    author_person: findPersonByLogin(people, pull.author)?.id ?? null,
    reviews: latest.map((r) => reviewRef(r, people)),
    approved_by: approvedBy,
    merged_without_approval: approvedBy.length === 0,
  };
}

/** The population of a period, in merge order, with its totals. Pure. */
export function decideChangePopulation(pulls: readonly MergedPullFacts[], period: { start: string; end: string }, people: readonly Person[]): ChangePopulationSubject {
  const entries = pulls
    .map((pull) => decidePopulationEntry(pull, people))
    .sort((a, b) => (a.merged_at ?? '').localeCompare(b.merged_at ?? '') || a.number - b.number);
  return { period: { ...period }, pull_requests: entries, totals: { merged: entries.length, merged_without_approval: entries.filter((e) => e.merged_without_approval).length } };
}
