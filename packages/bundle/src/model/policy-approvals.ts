import { datedAfter, policyStanding, type AcknowledgmentSubject, type ApprovalSubject, type ApproverRoster, type IsoDate, type PullRequestRef, type RecordProblem, type ReviewRef, type StoredRecord } from '@evident/core';

/** One policy version approved (or refused) in a pull request, as an approval record states it. */
export interface PolicyApproval {
  policy: string;
  version: string;
  sha256: string;
  commit: string;
  pull_request: PullRequestRef;
  /** The record says approved and its own reviews support it (core's policyStanding), by the assessment date. */
  approved: boolean;
  required_approvers: string[];
  /** The reviews that count as approvals (see core's reviewCounts); the record may list others. */
  approvals: ReviewRef[];
  /** Why the record cannot be counted as it stands: it contradicts itself, or is dated after the assessment date. */
  problems: RecordProblem[];
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

/** Policy approvals stated by `policy-approval` records, in chain order, as their own reviews support them on `asOf`. Pure. */
export function policyApprovals(stored: readonly StoredRecord[], roster: ApproverRoster, asOf: IsoDate): PolicyApproval[] {
  const out: PolicyApproval[] = [];
  for (const { file, record } of stored) {
    if (record.kind !== 'policy-approval') continue;
    const subject = record.subject as Partial<ApprovalSubject> | undefined;
    if (!subject?.pull_request) continue;
    for (const p of asArray<ApprovalSubject['policies'][number]>(subject.policies)) {
      const standing = policyStanding(subject.pull_request, p, roster, asOf);
      out.push({
        policy: String(p.id),
        version: String(p.version),
        sha256: String(p.sha256),
        commit: String(p.commit),
        pull_request: subject.pull_request,
        approved: standing.approved,
        required_approvers: asArray<string>(p.required_approvers),
        approvals: standing.approvals,
        problems: standing.problems,
        recorded_at: record.recorded_at,
        record: file,
      });
    }
  }
  return out;
}

/** Acknowledgments stated by `policy-acknowledgment` records (approving reviews given by `asOf` only), in chain order. Pure. */
export function acknowledgments(stored: readonly StoredRecord[], asOf: IsoDate): Acknowledgment[] {
  const out: Acknowledgment[] = [];
  for (const { file, record } of stored) {
    if (record.kind !== 'policy-acknowledgment') continue;
    const subject = record.subject as Partial<AcknowledgmentSubject> | undefined;
    if (!subject?.pull_request) continue;
    for (const review of asArray<ReviewRef>(subject.acknowledgments)) {
      if (String(review.state).toUpperCase() !== 'APPROVED' || datedAfter(review.submitted_at, asOf)) continue;
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
