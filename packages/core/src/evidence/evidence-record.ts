/** Evidence records: JSON, append-only and hash-chained on the evidence branch. */

export type EvidenceKind = 'policy-approval' | 'policy-acknowledgment' | 'exception' | 'change-population' | 'branch-rules';

export interface ApiCall {
  method: string;
  /** Route template and concrete path, e.g. `GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews` */
  route: string;
  status: number;
}

export interface Provenance {
  tool: 'evident';
  tool_version: string;
  /** When the data was read from GitHub (ISO 8601). */
  fetched_at: string;
  api_calls: ApiCall[];
}

export interface PullRequestRef {
  number: number;
  url: string;
  title: string;
  author: string;
  head_sha: string;
  merge_commit_sha: string | null;
  merged_at: string | null;
  merged_by: string | null;
}

/** A policy file as it stood at a commit, bound by the SHA-256 of its bytes. */
export interface PolicyVersionRef {
  id: string;
  version: string;
  path: string;
  commit: string;
  sha256: string;
}

export interface ReviewRef {
  reviewer: string;
  /** Roster person id, or null when the reviewer is not on the roster. */
  person: string | null;
  review_id: number;
  state: string;
  submitted_at: string | null;
  commit_id: string | null;
}

export interface ApprovalSubject {
  pull_request: PullRequestRef;
  policies: (PolicyVersionRef & { required_approvers: string[]; approvals: ReviewRef[]; approved: boolean })[];
}

export interface AcknowledgmentSubject {
  pull_request: PullRequestRef;
  policies: PolicyVersionRef[];
  /** Each acknowledging review binds to the content at its `commit_id`. */
  acknowledgments: ReviewRef[];
}

export interface ExceptionSubject {
  pull_request?: PullRequestRef;
  policy?: string;
  control?: string;
  /** Machine-readable reason, e.g. `stale-approval`, `self-approval`, `missing-approver`. */
  reason: string;
  detail: string;
  reviews?: ReviewRef[];
}

export interface EvidenceRecord<Subject = unknown> {
  schema_version: 1;
  /** Deterministic id: collecting the same thing twice yields the same id, and nothing is added. */
  id: string;
  /** 1-based position in the chain. */
  sequence: number;
  kind: EvidenceKind;
  repository: string;
  recorded_at: string;
  subject: Subject;
  provenance: Provenance;
  /** `hash` of the record before this one, or null for the first. */
  previous_hash: string | null;
  /** SHA-256 (hex) of the canonical JSON of every other field. */
  hash: string;
}

/** A record before it joins the chain. */
export type UnsealedRecord<Subject = unknown> = Omit<EvidenceRecord<Subject>, 'sequence' | 'previous_hash' | 'hash'>;
