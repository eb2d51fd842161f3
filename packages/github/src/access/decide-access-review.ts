import type { AccessReviewApprovalSubject, Control, EvidenceRecord, ExceptionSubject, RepositoryModel } from '@evident/core';
import type { DecidedSubject } from '../decide-approvals.js';
import type { PullRequestFacts } from '../fetch-pull-request-facts.js';
import { ownerLogins } from '../reminders/plan-reminders.js';
import { latestReviewByReviewer, pullKey, pullRequestRef, reviewRef } from '../review-helpers.js';
import { reviewVerdict } from '../review-verdict.js';
import { periodOfAccessReviewBranch } from './access-review-branch.js';
import { REVIEW_FILE_MISMATCH, reviewFileMismatches } from './review-file-mismatches.js';

/** The review file at the pull request's head, as read from GitHub: its path, SHA-256 and text, or why it could not be read. */
export type ReviewFileAtHead = { path: string; sha256: string; text: string } | { path: string; problem: string };

export interface AccessReviewDecision {
  approval?: DecidedSubject<AccessReviewApprovalSubject>;
  /** Everything short of the owner's approval at the final head, with the reason. */
  exceptions: DecidedSubject<ExceptionSubject>[];
}

/**
 * An access review pull request (an `evident/access-review/<period>` branch) is signed off when a
 * person of the access-review control's owner approved it at its final head commit (their latest
 * non-comment review, not the pull request's author). Every other review that decides something
 * (an approval by someone else, a stale or self approval, changes requested, a dismissed review),
 * a branch that names no period, a review file that cannot be read and a missing control are
 * exceptions with their reason. So is a review file that is not the review Evident renders for the
 * branch's period from an access-snapshot record of the evidence branch (`snapshots`; reviewFileMismatches):
 * a file copied from another period, at another path, naming a snapshot the branch does not hold,
 * or listing other accounts or roles than that snapshot (`review-file-mismatch`). No review that
 * decides anything yet: nothing to record. Pure.
 */
export function decideAccessReview(facts: PullRequestFacts, file: ReviewFileAtHead, model: Pick<RepositoryModel, 'people' | 'teams'>, control: Pick<Control, 'id' | 'owner'> | undefined, snapshots: readonly EvidenceRecord[]): AccessReviewDecision {
  const key = pullKey(facts);
  const pull_request = pullRequestRef(facts);
  const head = facts.pull.head_sha;
  const exceptions: AccessReviewDecision['exceptions'] = [];
  const problem = (reason: string, detail: string): AccessReviewDecision => ({ exceptions: [{ id: `exception/${key}/${reason}/${head.slice(0, 12)}`, subject: { pull_request, reason, detail, ...(control ? { control: control.id } : {}) } }] });
  const reviews = latestReviewByReviewer(facts.reviews).filter((r) => reviewVerdict(r, facts.pull) !== 'no-decision');
  if (reviews.length === 0) return { exceptions };
  const period = periodOfAccessReviewBranch(facts.pull.head_ref);
  if (!period) return problem('invalid-review-period', `Branch \`${facts.pull.head_ref}\` names no review period, expected \`evident/access-review/\` followed by a period such as \`2026-Q3\``);
  if (!control) return problem('no-review-control', 'No access review control is configured (evident.yaml `access.review_control`), so nobody can sign the review off');
  if ('problem' in file) return problem('invalid-review-file', `The review file \`${file.path}\` at the final head ${head}: ${file.problem}`);
  const mismatches = reviewFileMismatches(period, file, snapshots);
  if (mismatches.length) return problem(REVIEW_FILE_MISMATCH, `The review file \`${file.path}\` at the final head ${head} is not the access review Evident renders for ${period.label}: ${mismatches.join('; ')}`);

  const owners = new Set(ownerLogins(control.owner, model.people, model.teams).map((l) => l.toLowerCase()));
  const approvals = [];
  for (const review of reviews) {
    const ref = reviewRef(review, model.people);
    const exception = (reason: string, detail: string) => exceptions.push({ id: `exception/${key}/${reason}/review-${review.id}`, subject: { pull_request, control: control.id, reason, detail, reviews: [ref] } });
    const verdict = reviewVerdict(review, facts.pull);
    const who = `@${review.login}`;
    if (verdict === 'approves-head') {
      if (owners.has(review.login!.toLowerCase())) approvals.push(ref);
      else exception('not-control-owner', `${who} approved the access review of ${period.label}, but only the owner of ${control.id} (\`${control.owner}\`) signs it off`);
    } else if (verdict === 'stale-approval') exception(verdict, `${who} approved commit ${review.commit_id ?? 'unknown'}, not the final head ${head}: the review file changed since`);
    else if (verdict === 'self-approval') exception(verdict, `${who} opened the access review pull request and approved it: the sign-off must come from someone else`);
    else if (verdict === 'changes-requested') exception(verdict, `${who} requested changes to the access review of ${period.label}`);
    else exception(verdict, `The review of ${who} on the access review of ${period.label} was dismissed`);
  }
  if (approvals.length === 0) return { exceptions };
  return {
    approval: {
      id: `access-review-approval/${key}/${head.slice(0, 12)}`,
      subject: {
        pull_request,
        period: { label: period.label, start: period.start, end: period.end },
        control: control.id,
        file: { path: file.path, commit: head, sha256: file.sha256 },
        required_approvers: [control.owner],
        approvals,
        approved: true,
      },
    },
    exceptions,
  };
}
