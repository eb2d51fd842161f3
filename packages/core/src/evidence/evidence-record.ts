/** Evidence records: JSON, append-only and hash-chained on the evidence branch. */

export type EvidenceKind = 'policy-approval' | 'policy-acknowledgment' | 'exception' | 'change-population' | 'branch-rules' | 'access-snapshot' | 'access-review-approval' | 'vulnerability-alerts';

export interface ApiCall {
  method: string;
  /** Route template, e.g. `/repos/{owner}/{repo}/pulls/{pull_number}/reviews` (the method is `method`). */
  route: string;
  /** Concrete path and query of the call, e.g. `/repos/acme/policies/pulls/7/reviews?per_page=100&page=2`. Never headers or credentials. */
  path?: string;
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

/** How a pull request changed a policy file (a removed policy is bound to its content at the base). */
export type PolicyChange = 'added' | 'modified' | 'renamed' | 'removed';

export interface ApprovalSubject {
  pull_request: PullRequestRef;
  policies: (PolicyVersionRef & { change: PolicyChange; required_approvers: string[]; approvals: ReviewRef[]; approved: boolean })[];
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

/** One merged pull request of a change-management population. */
export interface PopulationPullRequest extends PullRequestRef {
  /** Base branch it merged into. */
  base: string;
  /** Roster person id of the author, or null when the author is not on the roster. */
  author_person: string | null;
  /** Latest non-comment review of each reviewer, as GitHub lists them. */
  reviews: ReviewRef[];
  /** Reviewers whose latest review approves the final head commit. */
  approved_by: string[];
  /** Merged with no approval at its final head: an exception to the change-management control. */
  merged_without_approval: boolean;
  /** Reviews submitted after the merge: listed, never counted. Absent from records collected before reviews were cut at the merge. */
  reviews_after_merge?: ReviewRef[];
  /** Status checks at the head commit, and those the base branch rules require. */
  status_checks?: StatusChecks;
  /** Whether the pull request merged without what the branch rules require, and why. */
  bypass?: { bypassed: boolean; reasons: string[] };
  /** Issue and ticket references in the title and body (`#123`, `owner/repo#123`, `ABC-123`). */
  references?: string[];
}

/** The status checks of a head commit as a change-population entry records them. */
export interface StatusChecks {
  /** False when the token could not read check runs or statuses. */
  readable: boolean;
  /** Check names the base branch rules (read at collection) require. */
  required: string[];
  results: { name: string; kind: 'check-run' | 'status'; conclusion: string }[];
}

/** Who may bypass one ruleset, or `not visible to this token`. */
export type BypassActors = { actor_type: string; actor_id: number | null; bypass_mode: string }[] | 'not visible to this token';

/** Every pull request merged into a repository during a period (`change-population`). */
export interface ChangePopulationSubject {
  /** Both ends inclusive, YYYY-MM-DD (UTC dates of `merged_at`). */
  period: { start: string; end: string };
  pull_requests: PopulationPullRequest[];
  totals: { merged: number; merged_without_approval: number; bypassed?: number };
}

/** The rules protecting a branch as GitHub reported them on one day (`branch-rules`). */
export interface BranchRulesSubject {
  branch: string;
  /** The active rules, as `GET /repos/{owner}/{repo}/rules/branches/{branch}` returned them. */
  rules: { type: string; parameters?: Record<string, unknown>; ruleset_source_type?: string; ruleset_source?: string; ruleset_id?: number }[];
  /** The rulesets the rules come from, with their bypass actors (absent from older records). */
  rulesets?: { id: number; name?: string; source_type?: string; source?: string; bypass_actors: BypassActors }[];
  /** What the rules mean for change management. */
  summary: {
    pull_request_required: boolean;
    required_approving_review_count: number;
    dismiss_stale_reviews_on_push: boolean;
    require_code_owner_review: boolean;
    require_last_push_approval: boolean;
    required_status_checks: string[];
    blocks_force_pushes: boolean;
    blocks_deletion: boolean;
  };
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
