import type { AccessReviewApprovalSubject, EvidenceRecord, ReviewRef } from '@evident/core';
import { ACCESS_REVIEW_BRANCH_PREFIX, accessReviewLocation, periodOfAccessReviewBranch } from '../access/access-review-branch.js';
import { reviewFileMismatches } from '../access/review-file-mismatches.js';
import { compareCampaignOrigin } from './compare-campaign-origin.js';
import { comparePullRequest, compareReviews } from './compare-pull-request.js';
import { compareContent } from './compare-content.js';
import { contentKey, type CrossCheckFacts, type PullFacts } from './cross-check-facts.js';

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
const short = (sha: unknown) => (typeof sha === 'string' ? `\`${sha.slice(0, 12)}\`` : 'none');
const describePeriod = (p: Partial<AccessReviewApprovalSubject['period']> | undefined) => `\`${p?.label ?? 'none'}\` (${p?.start ?? '?'}..${p?.end ?? '?'})`;

/**
 * The differences between the sign-off of an access review as a record names it and as GitHub and
 * git report it: the pull request (merged as recorded when the record says it was merged), from a
 * branch of the repository itself against the default branch (compareCampaignOrigin); the
 * period and review file its `evident/access-review/<period>` branch names; every approval a
 * review that exists on that pull request, by the recorded reviewer (not the pull request's
 * author), `APPROVED` on the commit the file is bound to, which is the head the record names; and
 * the SHA-256 of the review file at that commit; and that file, as git has it, is the review Evident
 * renders for that period from an access-snapshot record the chain held before this record (the
 * collector's own check, reviewFileMismatches). Whether the reviewer is the control's owner is
 * the collector's decision from the roster, which GitHub does not keep. Pure.
 */
export function checkAccessReviewApproval(record: EvidenceRecord<AccessReviewApprovalSubject>, pull: PullFacts | undefined, facts: CrossCheckFacts): string[] {
  const { pull_request: pr, period, file } = record.subject;
  const n = pr.number;
  const says = `Record \`${record.id}\` says`;
  const out = [...comparePullRequest(record.id, facts.repository, pr, pr.merged_at !== null ? 'merged' : 'named', pull), ...compareCampaignOrigin(record.id, 'access-review-approval', facts.repository, pull)];
  if (!pull?.pull) return out;
  const branch = pull.pull.head_ref;
  const named = periodOfAccessReviewBranch(branch);
  if (!named) {
    out.push(`${says} pull request #${n} is the access review of ${describePeriod(period)}; GitHub says it comes from branch \`${branch}\`, not from \`${ACCESS_REVIEW_BRANCH_PREFIX}…\` followed by a period`);
  } else {
    if (period?.label !== named.label || period.start !== named.start || period.end !== named.end) {
      out.push(`${says} pull request #${n} is the access review of ${describePeriod(period)}; GitHub says it comes from branch \`${branch}\`, which names ${describePeriod(named)}`);
    }
    const expected = accessReviewLocation(named).path;
    if (file?.path !== expected) out.push(`${says} the review file of pull request #${n} is \`${file?.path}\`; its branch \`${branch}\` writes \`${expected}\``);
    else if (typeof file.commit === 'string') {
      const content = facts.contents.get(contentKey(file.commit, file.path));
      const text = content && !('missing' in content) ? content.text : undefined;
      // The snapshots the collector could read: those the chain held before this record.
      const snapshots = (facts.accessSnapshots ?? []).filter((s) => s.sequence < record.sequence);
      const mismatches = text === undefined ? [] : reviewFileMismatches(named, { path: file.path, text }, snapshots);
      if (mismatches.length) out.push(`${says} \`${file.path}\` at ${short(file.commit)} is the access review of ${named.label}; it is not the review Evident renders for ${named.label}: ${mismatches.join('; ')}`);
    }
  }
  if (file?.commit !== pr.head_sha) out.push(`Record \`${record.id}\` binds the review file to commit ${short(file?.commit)}, expected the head it records for pull request #${n}, ${short(pr.head_sha)}`);
  const approvals = list<ReviewRef>(record.subject.approvals);
  if (record.subject.approved === true && approvals.length === 0) out.push(`${says} the access review of pull request #${n} is signed off, but names no approval`);
  for (const approval of approvals) {
    const counts = `Record \`${record.id}\` counts review ${approval.review_id} by \`${approval.reviewer}\` as the sign-off`;
    if (approval.commit_id !== file?.commit) out.push(`${counts} of commit ${short(file?.commit)}, but names it on commit ${short(approval.commit_id)}`);
    if ((approval.reviewer ?? '').toLowerCase() === pull.pull.author.toLowerCase()) out.push(`${counts}; GitHub says \`${pull.pull.author}\` opened pull request #${n}, and a sign-off must come from someone else`);
  }
  out.push(...compareReviews(record.id, n, approvals, true, pull));
  if (typeof file?.path === 'string' && typeof file.commit === 'string' && typeof file.sha256 === 'string') out.push(...compareContent(record.id, file, facts));
  return out;
}
