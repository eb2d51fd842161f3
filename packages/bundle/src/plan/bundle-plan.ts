import type { BundlePlaceholders, BundleReadiness, EvidenceHistoryWalk } from '../bundle-inputs.js';

/** SHA-256 and size of one file as written into the bundle. */
export interface FileDigest {
  sha256: string;
  size: number;
}

/** What rendering an entry gives: bytes, text, or text in pieces, written as they come (a long listing is never whole in memory). */
export type Rendered = Uint8Array | string | Iterable<string>;

/**
 * Where an entry's bytes come from: bytes or text in memory, a function that renders
 * them when the writer reaches the entry (so only a few pages are in memory at a time),
 * or a file on disk streamed into the zip.
 */
export type EntrySource = Uint8Array | string | (() => Rendered | Promise<Rendered>) | { file: string; size: number };

export interface PlannedEntry {
  /** Path inside the zip (POSIX, relative). */
  path: string;
  source: EntrySource;
  /** Deflate the entry; files that are already compressed are stored. */
  compress: boolean;
  /**
   * Its rendering renders a policy or control body (on worker threads when the plan uses them).
   * The writer renders these before the other generated entries, so the body renderer can stop early.
   */
  rendersBody?: boolean;
  /** The SHA-256 the bytes must have (evidence files, hashed when the repository was read): a file that changed since is refused. */
  sha256?: string;
}

/** What the manifest says besides the file list. */
export interface ManifestHeader {
  format: 'evident-bundle/1';
  tool: { name: 'evident'; version: string };
  organization: string;
  release: string | null;
  source: { commit: string; committed_at: string; dirty: boolean } | null;
  config: { path: string; sha256: string };
  period: { start: string; end: string };
  /** The date gaps were assessed on. */
  assessed_on: string;
  /**
   * The records' own chain, and the walk of the evidence branch's history they were read after
   * (null without an evidence branch): `evident verify` reports it, and cannot redo it offline.
   */
  evidence_chain: {
    records: number;
    head: string | null;
    problems: number;
    history: EvidenceHistoryWalk | null;
    /** The evidence branch the records were read from (`evidence.branch`: the local branch, else origin's), and whether it was absent (no records read). */
    ref: string;
    absent: boolean;
  };
  evidence: { included: number; listed_not_included: number };
  exceptions: number;
  /** Core's readiness figure on the assessment date, with the rule that computes it (`percent` null, with `reason`, when nothing is due yet). */
  readiness: BundleReadiness;
  /** Starter placeholders the bundle was built with: `allowed` only with --allow-placeholders, `count` findings of `content/placeholder`. */
  placeholders: BundlePlaceholders;
  /** The GitHub cross-check of the evidence records, when the build ran one (absent otherwise). */
  github_cross_check?: ManifestCrossCheck;
}

/** Which evidence records GitHub confirmed, when, and against which API (see summarizeCrossCheck). */
export interface ManifestCrossCheck {
  api: string;
  repository: string;
  checked_at: string;
  confirmed: number;
  /** Ids of the records GitHub did not confirm: present only when the build allowed them. */
  not_confirmed: string[];
  /** Ids of the records that could not be checked (branch rules, exceptions naming no pull request). */
  not_checked: string[];
  /** The build was told to go ahead with unconfirmed records. */
  allowed_unconfirmed: boolean;
}

export interface Manifest extends ManifestHeader {
  /** Every file of the bundle except manifest.json and SHA256SUMS, sorted by path. */
  files: { path: string; size: number; sha256: string }[];
}

/** A bundle before it is written: entries in writing order, and what comes after them. */
export interface BundlePlan {
  /** Suggested file name of the zip. */
  fileName: string;
  header: ManifestHeader;
  /** Sorted by path. The writer streams the files from disk first, then the generated entries, each group in this order. */
  entries: PlannedEntry[];
  /**
   * The entries written last, one after the other, each from the digests of everything before it
   * (computed while each entry went into the zip): manifest.json, then SHA256SUMS. Pure.
   */
  closing: ((digests: ReadonlyMap<string, FileDigest>) => PlannedEntry)[];
}
