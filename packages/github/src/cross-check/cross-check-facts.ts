import type { PullRequestReview, PullRequestSummary } from '../fetch-pull-request-facts.js';

/** A pull request as GitHub reports it now: the fields evidence records name. */
export type GitHubPull = Pick<PullRequestSummary, 'number' | 'author' | 'merged' | 'merged_at' | 'merged_by' | 'merge_commit_sha' | 'head_sha' | 'head_ref' | 'base_sha'>;

/** What GitHub says about one pull request. */
export interface PullFacts {
  /** Null when GitHub has no such pull request in the repository (HTTP 404). */
  pull: GitHubPull | null;
  /** Paths the pull request changes (previous paths of renames included), when they were read. */
  files?: readonly string[];
  /** Every review, when they were read. */
  reviews?: readonly PullRequestReview[];
}

/** A file at a commit, read from git: the SHA-256 of its bytes, or why there is none. */
export type ContentAtCommit = { sha256: string } | { missing: 'file' | 'commit' };

/** Everything the pure cross-check compares records with. */
export interface CrossCheckFacts {
  /** OWNER/NAME the records must be about. */
  repository: string;
  pulls: ReadonlyMap<number, PullFacts>;
  /** Keyed by `contentKey(commit, path)`. */
  contents: ReadonlyMap<string, ContentAtCommit>;
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
