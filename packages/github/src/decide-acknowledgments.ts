import type { AcknowledgmentSubject, ExceptionSubject, PolicyVersionRef, RepositoryModel } from '@evident/core';
import type { DecidedSubject } from './decide-approvals.js';
import type { PullRequestFacts } from './fetch-pull-request-facts.js';
import { findPersonByLogin } from './find-person-by-login.js';
import { pullKey, pullRequestRef, reviewRef } from './review-helpers.js';
import { isApproval } from './review-verdict.js';

/** What an acknowledgment pull request asked people to acknowledge at one commit, read from git. */
export type VersionsAtCommit = { policies: PolicyVersionRef[] } | { problem: string };

export interface AcknowledgmentDecision {
  acknowledgments: DecidedSubject<AcknowledgmentSubject>[];
  exceptions: DecidedSubject<ExceptionSubject>[];
}

/**
 * Each approving review of an acknowledgment pull request by a roster member acknowledges
 * exactly the policy versions at the review's `commit_id`. Pure.
 */
export function decideAcknowledgments(facts: PullRequestFacts, versionsAt: ReadonlyMap<string, VersionsAtCommit>, model: Pick<RepositoryModel, 'people'>): AcknowledgmentDecision {
  const key = pullKey(facts);
  const pull_request = pullRequestRef(facts);
  const acknowledgments: AcknowledgmentDecision['acknowledgments'] = [];
  const exceptions: AcknowledgmentDecision['exceptions'] = [];
  for (const review of facts.reviews) {
    if (!isApproval(review.state)) continue;
    const ref = reviewRef(review, model.people);
    const exception = (reason: string, detail: string) => exceptions.push({ id: `exception/${key}/${reason}/review-${review.id}`, subject: { pull_request, reason, detail, reviews: [ref] } });
    if (!findPersonByLogin(model.people, review.login)) {
      exception('unknown-reviewer', `@${review.login ?? 'ghost'} approved the acknowledgment pull request but is not on the roster, so it is not an acknowledgment`);
      continue;
    }
    const versions = review.commit_id ? versionsAt.get(review.commit_id) : undefined;
    if (!review.commit_id || !versions) {
      exception('unknown-commit', `The approval of @${review.login} names no commit that can be read, so what was acknowledged is unknown`);
      continue;
    }
    if ('problem' in versions) {
      exception('invalid-manifest', `The approval of @${review.login} is on commit ${review.commit_id}, where ${versions.problem}`);
      continue;
    }
    acknowledgments.push({ id: `policy-acknowledgment/${key}/review-${review.id}`, subject: { pull_request, policies: versions.policies, acknowledgments: [ref] } });
  }
  return { acknowledgments, exceptions };
}
