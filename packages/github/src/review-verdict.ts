import type { PullRequestReview } from './fetch-pull-request-facts.js';
import { normalizeState } from './review-helpers.js';

/** Whether a review state approves (`APPROVED` over REST, `approved` in webhook payloads). */
export const isApproval = (state: string): boolean => normalizeState(state) === 'APPROVED';

/**
 * What a reviewer's latest non-comment review (see latestReviewByReviewer) says about the
 * final head: `approves-head` when it approves, is not by the author and is on the final head
 * commit; otherwise why it does not, or `no-decision` for states that decide nothing.
 */
export type ReviewVerdict = 'approves-head' | 'dismissed-review' | 'changes-requested' | 'self-approval' | 'stale-approval' | 'no-decision';

/** The verdict of a reviewer's latest review on a pull request. Pure. */
export function reviewVerdict(review: PullRequestReview, pull: { author: string; head_sha: string }): ReviewVerdict {
  const state = normalizeState(review.state);
  if (state === 'DISMISSED') return 'dismissed-review';
  if (state === 'CHANGES_REQUESTED') return 'changes-requested';
  if (state !== 'APPROVED') return 'no-decision';
  if ((review.login ?? '').toLowerCase() === pull.author.toLowerCase()) return 'self-approval';
  if (review.commit_id !== pull.head_sha) return 'stale-approval';
  return 'approves-head';
}
