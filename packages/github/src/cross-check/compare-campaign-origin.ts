import { campaignOriginRefusal } from '../pull-request-origin.js';
import type { PullFacts } from './cross-check-facts.js';

/** What the collector calls each kind's pull request when it refuses one (collectEvidence). */
const CAMPAIGN: Record<'policy-acknowledgment' | 'access-review-approval', string> = {
  'policy-acknowledgment': 'an acknowledgment pull request',
  'access-review-approval': 'an access review pull request',
};

/**
 * The collector's campaign-origin check (campaignOriginRefusal), repeated on a record already on the
 * branch: the pull request of an acknowledgment or access review sign-off must come from a branch of
 * the repository itself (not a fork, nor a deleted repository) and target the default branch, as
 * GitHub reports them now. Empty when it does, or when the pull request or its origin was not read. Pure.
 */
export function compareCampaignOrigin(recordId: string, kind: keyof typeof CAMPAIGN, repository: string, facts: PullFacts | undefined): string[] {
  if (!facts?.pull || !facts.origin) return [];
  const { head_ref, base_ref, ...origin } = facts.origin;
  const refusal = campaignOriginRefusal({ repository, pull: { number: facts.pull.number, head_ref, base_ref } }, origin, CAMPAIGN[kind]);
  return refusal ? [`Record \`${recordId}\` names a pull request the collector does not count as a campaign; GitHub says ${refusal}`] : [];
}
