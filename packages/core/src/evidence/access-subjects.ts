/**
 * Subjects of the records about who holds access on GitHub (`access-snapshot`), the sign-off of
 * an access review (`access-review-approval`) and vulnerability alerts (`vulnerability-alerts`).
 */
import type { PullRequestRef, ReviewRef } from './evidence-record.js';

/** Something the token could not read: recorded instead of failing (docs/github-setup.md). */
export interface AccessLimitation {
  /** What could not be read, e.g. `two-factor`, `members`, `deploy-keys acme/app`. */
  scope: string;
  /** HTTP status GitHub answered (403, 404, 422), or 200 when a field was left out. */
  status: number;
  /** One sentence, e.g. "two-factor status not visible to this token". */
  detail: string;
}

export type RepositoryPermission = 'admin' | 'maintain' | 'write' | 'triage' | 'read';

/** Who held access to an organisation and its repositories on one day. */
export interface AccessSnapshotSubject {
  /** The organisation, or null when only repositories were read. */
  organization: string | null;
  /** The organisation's two-factor requirement; null when not visible to this token. */
  two_factor_requirement_enabled: boolean | null;
  /** Organisation members with their role; `two_factor_disabled` is null when not visible. */
  members: { login: string; role: 'admin' | 'member'; two_factor_disabled: boolean | null }[] | null;
  outside_collaborators: string[] | null;
  teams: { slug: string; name: string; members: string[] | null }[] | null;
  pending_invitations: { login: string | null; email: string | null; role: string; created_at: string }[] | null;
  repositories: {
    repository: string;
    collaborators: { login: string; permission: RepositoryPermission }[] | null;
    deploy_keys: { id: number; title: string; read_only: boolean; created_at: string }[] | null;
  }[];
  limitations: AccessLimitation[];
}

/** The sign-off of one access review: the owner's approval of the review pull request at its final commit. */
export interface AccessReviewApprovalSubject {
  pull_request: PullRequestRef;
  /** The review period, e.g. `2026-Q3`, with its days. */
  period: { label: string; start: string; end: string };
  control: string;
  /** The review file at the approved commit. */
  file: { path: string; commit: string; sha256: string };
  /** Roster people or teams whose approval signs the review off. */
  required_approvers: string[];
  approvals: ReviewRef[];
  approved: boolean;
}

export type AlertSeverity = 'critical' | 'high' | 'medium' | 'low';

/** One Dependabot or code scanning alert as collected. */
export interface VulnerabilityAlert {
  source: 'dependabot' | 'code-scanning';
  repository: string;
  number: number;
  url: string;
  /** `open`, `fixed`, `dismissed`, `auto_dismissed`. */
  state: string;
  severity: AlertSeverity | null;
  /** Package (Dependabot) or rule (code scanning). */
  summary: string;
  created_at: string;
  /** When it was fixed or dismissed, or null while open. */
  resolved_at: string | null;
  dismissed_reason: string | null;
  /** Last day of its remediation time (from the vulnerability policy), or null when none applies. */
  due_on: string | null;
  /** Days from opening to resolution (or to collection while open). */
  age_days: number;
  /** Open past `due_on`, or resolved after it. */
  overdue: boolean;
}

/** Alerts of the configured repositories on one day, against the policy's remediation times. */
export interface VulnerabilityAlertsSubject {
  /** The month collected, `YYYY-MM`. */
  month: string;
  collected_on: string;
  remediation_days: Partial<Record<AlertSeverity, number>> | null;
  /** The policy the remediation times come from. */
  policy: string | null;
  alerts: VulnerabilityAlert[];
  totals: { open: number; fixed: number; dismissed: number; overdue: number };
  limitations: AccessLimitation[];
}
