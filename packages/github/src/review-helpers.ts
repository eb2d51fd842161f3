import type { Person, PullRequestRef, ReviewRef } from '@evident/core';
import type { PullRequestFacts, PullRequestReview } from './fetch-pull-request-facts.js';
import { findPersonByLogin } from './find-person-by-login.js';
import { foldLogin } from '@evident/core';


/** REST says `APPROVED`, webhook payloads say `approved`: compare in upper case. */
export const normalizeState = (state: string): string => state.toUpperCase();

/**
 * The latest review of each reviewer that is not a comment, in the order reviewers first
 * appear. Reviews are chronological as GitHub lists them. Reviews of deleted accounts are left out.
 */
export function latestReviewByReviewer(reviews: readonly PullRequestReview[]): PullRequestReview[] {
  const latest = new Map<string, PullRequestReview>();
  for (const review of reviews) {
    const state = normalizeState(review.state);
    if (!review.login || state === 'COMMENTED' || state === 'PENDING') continue;
    latest.set(foldLogin(review.login), review);
  }
  return [...latest.values()];
}

export function reviewRef(review: PullRequestReview, people: readonly Person[]): ReviewRef {
  return {
    reviewer: review.login ?? 'ghost',
    person: findPersonByLogin(people, review.login)?.id ?? null,
    review_id: review.id,
    state: normalizeState(review.state),
    submitted_at: review.submitted_at,
    commit_id: review.commit_id,
  };
}

/** The pull request as records name it: the fields of PullRequestRef, read from its facts. */
export function pullRequestRef(facts: { pull: PullRequestRef }): PullRequestRef {
  const { pull } = facts;
  return {
    number: pull.number,
    url: pull.url,
    title: pull.title,
    author: pull.author,
    head_sha: pull.head_sha,
    merge_commit_sha: pull.merge_commit_sha,
    merged_at: pull.merged_at,
    merged_by: pull.merged_by,
  };
}

/** An evidence record id segment: the repository and pull request it is about. */
export const pullKey = (facts: PullRequestFacts) => `${facts.repository}/pr-${facts.pull.number}`;
