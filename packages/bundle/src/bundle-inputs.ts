import type { TrustedRootFile } from '@evident/sigstore';
import type { IsoDate, ReadinessFigure, RepositoryModel, SourceFile } from '@evident/core';
import type { ManifestCrossCheck } from './plan/bundle-plan.js';
import type { EvidenceFirstCommit } from './read/parse-evidence-log.js';

/** The audit period a bundle covers, both ends inclusive. */
export interface AuditPeriod {
  start: IsoDate;
  end: IsoDate;
}

/** The commit the bundle is built from. */
export interface SourceCommit {
  commit: string;
  /** Committer date, ISO 8601. */
  committed_at: string;
  /** The working tree had uncommitted changes: the bundle shows them, not the commit alone. */
  dirty: boolean;
}

/** One commit that changed files under the policies folder. */
export interface PolicyCommit {
  commit: string;
  author: string;
  email: string;
  authored_at: string;
  committed_at: string;
  subject: string;
  /** Pull request number named by the commit message (`Merge pull request #12`, `Title (#12)`). */
  pull_request: number | null;
  /** Policy files the commit touched, with git's status letter (A, M, D) and, when read, the blob they became. */
  files: { status: string; path: string; blob?: string }[];
  /** Parent commits, first parent first (absent when not read). */
  parents?: string[];
}

/** A policy file as it stood on the default branch from one commit to the next change: read for every version in force during the period. */
export interface PolicyVersionText {
  path: string;
  /** The commit that brought this content to the default branch. */
  commit: string;
  /** The file's bytes at that commit. */
  bytes: Uint8Array;
}

/** An evidence record file as stored on the evidence branch, byte for byte. */
export interface RecordFile {
  /** Path on the branch, such as `records/000001-policy-approval-example-12.json`. */
  file: string;
  bytes: Uint8Array;
}

/**
 * The evidence branch's history as the bundle walked it (`evident evidence verify`'s walk): every
 * commit from the first to `tip` only added records on top of the chain. A bundle is refused otherwise,
 * so `result` is always `intact`.
 */
export interface EvidenceHistoryWalk {
  /** The evidence branch's tip: the commit the records were read from and the walk started at. */
  tip: string;
  /** The commit that added the first record on the chain, or null when the branch holds no record. */
  first_record_commit: string | null;
  /** Commits walked (every commit reachable from the tip). */
  commits: number;
  result: 'intact';
}

/** What the manifest and index.html say about starter placeholders: a bundle has them only when allowed. */
export interface BundlePlaceholders {
  /** `--allow-placeholders` was given. */
  allowed: boolean;
  /** `content/placeholder` findings on the tree (0 unless allowed: otherwise the bundle is refused). */
  count: number;
}

/** The readiness figure as the bundle records it: core's, with the rule that computes it. */
export type BundleReadiness = ReadinessFigure;

/** Everything a bundle is planned from: read once (I/O), then planned purely. */
export interface BundleInputs {
  /** Repository root: evidence files are streamed from here. */
  root: string;
  /** The checked repository, with its evidence items and the SHA-256 of every evidence file. */
  model: RepositoryModel;
  toolVersion: string;
  /** The date gaps are assessed on (acknowledgments and reviews overdue, evidence due). */
  today: IsoDate;
  period: AuditPeriod;
  release?: string;
  source?: SourceCommit;
  /** evident.yaml as read: its SHA-256 goes into the manifest. */
  configText: string;
  /** Sigstore trusted roots besides the shipped public-good one, to verify keyless record signatures (e.g. GitHub's instance). */
  trustedRoots?: TrustedRootFile[];
  /** Counts of `evident check` findings on the same tree. */
  checkCounts: { error: number; warning: number; info: number };
  /** Starter placeholders found (`content/placeholder`), and whether the bundle was built with them anyway. */
  placeholders: BundlePlaceholders;
  /** The GitHub cross-check of the evidence records, when the build ran one: recorded in the manifest. */
  githubCrossCheck?: ManifestCrossCheck;
  /** Commits that changed a policy, newest first. */
  policyHistory: PolicyCommit[];
  /** Evidence records from the evidence branch, sorted by file name. */
  records: RecordFile[];
  /** The walk of the evidence branch's history the records were read after; absent without an evidence branch. */
  evidenceHistory?: EvidenceHistoryWalk;
  /** The text of every policy version in force at some time in the period (absent: not read). */
  policyVersions?: PolicyVersionText[];
  /** The first default-branch commit that added each evidence metadata file, by path (absent: outside a git repository). */
  evidenceCommits?: ReadonlyMap<string, EvidenceFirstCommit>;
  /** `*.evidence.yaml` metadata files as read, copied beside each included evidence file. */
  evidenceMetadata: SourceFile[];
}
