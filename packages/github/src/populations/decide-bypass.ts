import type { BranchRulesSubject, StatusChecks } from '@evident/core';
import type { PullRequestReview } from '../fetch-pull-request-facts.js';
import { normalizeState } from '../review-helpers.js';

/** Conclusions GitHub accepts for a required check. */
const PASSING = new Set(['success', 'neutral', 'skipped']);

/**
 * Whether a pull request merged without what its base branch's rules require: fewer approvals
 * than required before the merge (on the final head when stale approvals are dismissed), or a
 * required check that did not pass at the head. The rules are those read at collection. Pure.
 */
export function decideBypass(
  rules: BranchRulesSubject['summary'],
  /** Each reviewer's latest non-comment review submitted before the merge. */
  latest: readonly PullRequestReview[],
  pull: { author: string; head_sha: string },
  checks: StatusChecks | undefined,
): { bypassed: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (rules.pull_request_required) {
    const approvals = latest.filter(
      (r) => normalizeState(r.state) === 'APPROVED' && (r.login ?? '').toLowerCase() !== pull.author.toLowerCase() && (!rules.dismiss_stale_reviews_on_push || r.commit_id === pull.head_sha),
    ).length;
    if (approvals < Math.max(rules.required_approving_review_count, 0)) reasons.push(`approvals: ${approvals} of ${rules.required_approving_review_count} required`);
  }
  if (checks?.readable) {
    for (const name of rules.required_status_checks) {
      const found = checks.results.filter((r) => r.name === name);
      if (found.length === 0) reasons.push(`required check \`${name}\`: missing`);
      else if (!found.some((r) => PASSING.has(r.conclusion))) reasons.push(`required check \`${name}\`: ${found.map((r) => r.conclusion).join(', ')}`);
    }
  }
  return { bypassed: reasons.length > 0, reasons };
}
