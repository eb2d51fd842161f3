import type { ApprovalSubject, EvidenceRecord, PolicyVersionRef } from '@evident/core';
import type { PullRequestReview, PullRequestSummary } from '../fetch-pull-request-facts.js';
import type { PullRequestOrigin } from '../pull-request-origin.js';

/** A pull request as GitHub reports it now: the fields evidence records name. */
export type GitHubPull = Pick<PullRequestSummary, 'number' | 'author' | 'merged' | 'merged_at' | 'merged_by' | 'merge_commit_sha' | 'head_sha' | 'head_ref' | 'base_sha'>;

/** What GitHub says about one pull request. */
export interface PullFacts {
  /** Null when GitHub has no such pull request in the repository (HTTP 404). */
  pull: GitHubPull | null;
  /**
   * Where its head lives, the branches it goes from and to, and the repository's default branch, all
   * from one answer (the read that tells whether the pull request exists: no call of its own).
   */
  origin?: PullRequestOrigin & Pick<PullRequestSummary, 'head_ref' | 'base_ref'>;
  /** Paths the pull request changes (previous paths of renames included), when they were read. */
  files?: readonly string[];
  /** Every review, when they were read. */
  reviews?: readonly PullRequestReview[];
  /**
   * A merged policy change: the approval record the collector's own decision (decideApprovals)
   * gives from these facts and git, or why it could not be decided.
   */
  approval?: { id: string; subject: ApprovalSubject } | { none: true } | { problem: string };
  /** An acknowledgment pull request: who is who in the roster at its base commit, and what each reviewed commit acknowledges. */
  acknowledgment?: AcknowledgmentFacts;
}

/** What an acknowledgment record is compared with besides GitHub: the roster at the base commit and what each reviewed commit acknowledges. */
export interface AcknowledgmentFacts {
  rosterCommit: string;
  /** Roster person id of each login (folded with foldLogin); a login not listed is not on the roster. */
  people: ReadonlyMap<string, string>;
  /** Why the roster could not be read, when it could not. */
  rosterProblem?: string;
  /**
   * Keyed by commit: the policies the collector reads as acknowledged there (readAcknowledgedVersions:
   * the manifest at that commit, each policy as the default branch held it at the manifest's base),
   * or why there are none.
   */
  manifests: ReadonlyMap<string, Omit<PolicyVersionRef, 'commit'>[] | { problem: string }>;
}

/**
 * A file at a commit, read from git: the SHA-256 of its bytes, or why there is none. A policy file
 * also has `policy`: its frontmatter's id and version, or null when the frontmatter is not a valid
 * policy; an access review file has `text`, what it reviews (reviewFileMismatches).
 */
export type ContentAtCommit = { sha256: string; policy?: { id: string; version: string } | null; text?: string } | { missing: 'file' | 'commit' };

/** Everything the pure cross-check compares records with. */
export interface CrossCheckFacts {
  /** OWNER/NAME the records must be about. */
  repository: string;
  pulls: ReadonlyMap<number, PullFacts>;
  /** Keyed by `contentKey(commit, path)`. */
  contents: ReadonlyMap<string, ContentAtCommit>;
  /** The access-snapshot records of the chain checked, which an access review file must name (left out: none, so no review file read with its text is the review of its period). */
  accessSnapshots?: readonly EvidenceRecord[];
}

export const contentKey = (commit: string, path: string): string => `${commit}:${path}`;

/** The outcome of one record: confirmed by GitHub, not confirmed (with what differs), or not checked (with why). */
export type CrossCheckOutcome = 'confirmed' | 'not-confirmed' | 'not-checked';

export interface RecordCrossCheck {
  record: string;
  kind: string;
  outcome: CrossCheckOutcome;
  /** One sentence per difference (not confirmed) or the reason it was not checked; empty when confirmed. */
  reasons: string[];
}
