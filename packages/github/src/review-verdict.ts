import type { PullRequestCommits, PullRequestReview } from './fetch-pull-request-facts.js';
import { sameLogin } from '@evident/core';
import { normalizeState } from './review-helpers.js';

/** Whether a review state approves (`APPROVED` over REST, `approved` in webhook payloads). */
export const isApproval = (state: string): boolean => normalizeState(state) === 'APPROVED';

/**
 * What a reviewer's latest non-comment review (see latestReviewByReviewer) says about the
 * final head: `approves-head` when it approves, is not by the author, nor by the author or
 * committer of any of the pull request's commits (when `commits` are given), and is on the final
 * head commit; otherwise why it does not, or `no-decision` for states that decide nothing.
 */
export type ReviewVerdict =
  | 'approves-head'
  | 'dismissed-review'
  | 'changes-requested'
  | 'self-approval'
  | 'approver-authored-commits'
  | 'unverified-commits'
  | 'stale-approval'
  | 'no-decision';

/** The commits of the pull request that `login` authored or committed, as GitHub links them to accounts. Pure. */
export function commitsBy(login: string | null, commits: PullRequestCommits): string[] {
  return commits.listed.filter((c) => login !== null && (sameLogin(c.author, login) || sameLogin(c.committer, login))).map((c) => c.sha);
}

/**
 * The verdict of a reviewer's latest review on a pull request. Pure. With `commits` (or `null`
 * when they could not be read), an approval by someone who wrote or committed a commit of the
 * pull request is not independent, and neither is any approval when GitHub did not list every commit.
 */
export function reviewVerdict(review: PullRequestReview, pull: { author: string; head_sha: string }, commits?: PullRequestCommits | null): ReviewVerdict {
  const state = normalizeState(review.state);
  if (state === 'DISMISSED') return 'dismissed-review';
  if (state === 'CHANGES_REQUESTED') return 'changes-requested';
  if (state !== 'APPROVED') return 'no-decision';
  if (sameLogin(review.login ?? '', pull.author)) return 'self-approval';
  if (commits !== undefined) {
    if (commits !== null && commitsBy(review.login, commits).length > 0) return 'approver-authored-commits';
    if (commits === null || commits.listed.length < commits.total) return 'unverified-commits';
  }
  if (review.commit_id !== pull.head_sha) return 'stale-approval';
  return 'approves-head';
}
