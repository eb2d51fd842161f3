import type { PullRequestRef, ReviewRef } from '@evident/core';
import { ACKNOWLEDGMENT_BRANCH_PREFIX } from '../acknowledgment-manifest.js';
import { sameLogin as sameAccount } from '@evident/core';
import { normalizeState } from '../review-helpers.js';
import type { PullFacts } from './cross-check-facts.js';

/** How a record's pull request is compared: `merged` (the merge is part of the claim), `acknowledgment` (an open campaign) or `named` (only who opened it). */
export type PullClaim = 'merged' | 'acknowledgment' | 'named';

const short = (sha: string | null) => (sha === null ? 'none' : sha.slice(0, 12));
const code = (value: string | null) => (value === null ? 'none' : `\`${value}\``);
const sameInstant = (a: string | null, b: string | null) => (a === null || b === null ? a === b : Date.parse(a) === Date.parse(b));
/** Logins compare in ASCII case only: toLowerCase would fold the Kelvin sign (U+212A) into `k`. */
const sameLogin = (a: string | null, b: string | null) => sameAccount(a ?? '', b ?? '');

/**
 * The differences between a pull request as a record names it and as GitHub reports it, one
 * sentence each (empty when GitHub confirms it). Titles and URLs are not compared: titles can be
 * edited after the fact. Pure.
 */
export function comparePullRequest(recordId: string, repository: string, claimed: PullRequestRef, claim: PullClaim, facts: PullFacts | undefined): string[] {
  const says = `Record \`${recordId}\` says`;
  const g = facts?.pull;
  if (!g) return [`${says} pull request #${claimed.number} exists; GitHub has no pull request ${claimed.number} in \`${repository}\``];
  const out: string[] = [];
  const differs = (field: string, recorded: string, github: string) => out.push(`${says} \`${field}\` of pull request #${claimed.number} is ${recorded}; GitHub says ${github}`);
  if (!sameLogin(claimed.author, g.author)) differs('author', code(claimed.author), code(g.author));
  if (claim === 'acknowledgment' && !g.head_ref.startsWith(ACKNOWLEDGMENT_BRANCH_PREFIX)) {
    out.push(`${says} pull request #${claimed.number} is an acknowledgment pull request; GitHub says it comes from branch \`${g.head_ref}\`, not from \`${ACKNOWLEDGMENT_BRANCH_PREFIX}…\``);
  }
  if (claim !== 'merged') return out;
  if (!g.merged) {
    out.push(`${says} pull request #${claimed.number} was merged at ${code(claimed.merged_at)}; GitHub says it is not merged`);
    return out;
  }
  if (!sameInstant(claimed.merged_at, g.merged_at)) differs('merged_at', code(claimed.merged_at), code(g.merged_at));
  if (!sameLogin(claimed.merged_by, g.merged_by)) differs('merged_by', code(claimed.merged_by), code(g.merged_by));
  if (claimed.merge_commit_sha !== g.merge_commit_sha) differs('merge_commit_sha', code(claimed.merge_commit_sha), code(g.merge_commit_sha));
  if (claimed.head_sha !== g.head_sha) differs('head_sha', code(claimed.head_sha), code(g.head_sha));
  return out;
}

function describeReview(review: ReviewRef): string {
  const state = normalizeState(review.state);
  const verb = state === 'APPROVED' ? 'approved' : state === 'CHANGES_REQUESTED' ? 'requested changes' : state === 'DISMISSED' ? 'was dismissed' : state === 'COMMENTED' ? 'commented' : `\`${review.state}\``;
  return `review ${review.review_id} by \`${review.reviewer}\` ${verb} at ${review.commit_id === null ? 'no commit' : `\`${short(review.commit_id)}\``}`;
}

/**
 * The differences between reviews a record names and the reviews GitHub lists on the pull
 * request: each must exist there with the same reviewer, state, commit and submission time.
 * `approvals` says the record counts them as approvals, so GitHub must say `APPROVED`. Pure.
 */
export function compareReviews(recordId: string, pullNumber: number, reviews: readonly ReviewRef[], approvals: boolean, facts: PullFacts | undefined): string[] {
  if (!facts?.pull || !facts.reviews) return [];
  const byId = new Map(facts.reviews.map((r) => [r.id, r]));
  const out: string[] = [];
  for (const review of reviews) {
    const says = `Record \`${recordId}\` says ${describeReview(review)}`;
    if (approvals && normalizeState(review.state) !== 'APPROVED') out.push(`Record \`${recordId}\` counts review ${review.review_id} by \`${review.reviewer}\` as an approval but names its state \`${review.state}\`, expected \`APPROVED\``);
    const g = byId.get(review.review_id);
    if (!g) {
      out.push(`${says}; GitHub has no review ${review.review_id} on pull request ${pullNumber}`);
      continue;
    }
    const wanted = approvals ? 'APPROVED' : normalizeState(review.state);
    const diffs: string[] = [];
    if (!sameLogin(review.reviewer, g.login)) diffs.push(`is by ${code(g.login ?? 'ghost')}`);
    if (normalizeState(g.state) !== wanted) diffs.push(`is \`${normalizeState(g.state)}\``);
    if (review.commit_id !== g.commit_id) diffs.push(`is on commit ${g.commit_id === null ? 'none' : `\`${short(g.commit_id)}\``}`);
    if (!sameInstant(review.submitted_at, g.submitted_at)) diffs.push(`was submitted at ${code(g.submitted_at)}, not ${code(review.submitted_at)}`);
    if (diffs.length) out.push(`${says}; GitHub says review ${review.review_id} on pull request ${pullNumber} ${diffs.join(', ')}`);
  }
  return out;
}
