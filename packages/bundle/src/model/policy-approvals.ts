import type { AcknowledgmentSubject, ApprovalSubject, PullRequestRef, ReviewRef, StoredRecord } from '@evident/core';

/** One policy version approved (or refused) in a pull request, as an approval record states it. */
export interface PolicyApproval {
  policy: string;
  version: string;
  sha256: string;
  commit: string;
  pull_request: PullRequestRef;
  approved: boolean;
  required_approvers: string[];
  approvals: ReviewRef[];
  recorded_at: string;
  /** Record file on the evidence branch (and under evidence-records/ in the bundle). */
  record: string;
}

/** One person's acknowledgment of one policy version. */
export interface Acknowledgment {
  /** Roster person id, or the GitHub login when the reviewer is not on the roster. */
  person: string;
  github: string;
  policy: string;
  version: string;
  sha256: string;
  pull_request: number;
  approved_at: string;
  record: string;
}

const asArray = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/** Policy approvals stated by `policy-approval` records, in chain order. Pure. */
export function policyApprovals(stored: readonly StoredRecord[]): PolicyApproval[] {
  const out: PolicyApproval[] = [];
  for (const { file, record } of stored) {
    if (record.kind !== 'policy-approval') continue;
    const subject = record.subject as Partial<ApprovalSubject> | undefined;
    if (!subject?.pull_request) continue;
    for (const p of asArray<ApprovalSubject['policies'][number]>(subject.policies)) {
      out.push({
        policy: String(p.id),
        version: String(p.version),
        sha256: String(p.sha256),
        commit: String(p.commit),
        pull_request: subject.pull_request,
        approved: p.approved === true,
        required_approvers: asArray<string>(p.required_approvers),
        approvals: asArray<ReviewRef>(p.approvals),
        recorded_at: record.recorded_at,
        record: file,
      });
    }
  }
  return out;
}

/** Acknowledgments stated by `policy-acknowledgment` records (approving reviews only), in chain order. Pure. */
export function acknowledgments(stored: readonly StoredRecord[]): Acknowledgment[] {
  const out: Acknowledgment[] = [];
  for (const { file, record } of stored) {
    if (record.kind !== 'policy-acknowledgment') continue;
    const subject = record.subject as Partial<AcknowledgmentSubject> | undefined;
    if (!subject?.pull_request) continue;
    for (const review of asArray<ReviewRef>(subject.acknowledgments)) {
      if (String(review.state).toUpperCase() !== 'APPROVED') continue;
      for (const p of asArray<AcknowledgmentSubject['policies'][number]>(subject.policies)) {
        out.push({
          person: review.person ?? review.reviewer,
          github: review.reviewer,
          policy: String(p.id),
          version: String(p.version),
          sha256: String(p.sha256),
          pull_request: subject.pull_request.number,
          approved_at: review.submitted_at ?? record.recorded_at,
          record: file,
        });
      }
    }
  }
  return out;
}
