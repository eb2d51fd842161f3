import type { ChainProblem } from '@evident/core';
import type { SimpleGit } from 'simple-git';
import { withCheckoutLock } from './checkout-lock.js';
import { createEvidenceRecordValidator, type EvidenceRecordValidator } from './create-evidence-record-validator.js';
import { EvidenceBranchError, remoteTrackingRef, resolveCommit, type EvidenceLocation } from './evidence-worktree.js';
import { EvidenceRewriteError, fetchEvidenceBranch, markVerified } from './fetch-evidence-branch.js';
import { readEvidenceHistory } from './read-evidence-history.js';
import { readRecordBlobs } from './read-record-blobs.js';
import { isRecordPath, verifyEvidenceHistory, type HistoryVerification } from './verify-evidence-history.js';

export interface VerifyOptions extends EvidenceLocation {
  /** Verify this local ref or commit instead of fetching the branch (no rewrite check). */
  ref?: string;
  /** Record hashes the chain must still contain (`evidence_chain.head` of earlier bundles' manifest.json). */
  anchors?: readonly string[];
  validate?: EvidenceRecordValidator;
}

export interface EvidenceVerification {
  ref: string;
  commit: string;
  /** Records on the chain at the tip. */
  records: number;
  /** Hash of the last record (the chain head), or null when there is none. */
  head: string | null;
  /** Every rewrite, alteration and broken link, named by commit and record file. Empty when intact. */
  problems: ChainProblem[];
}

/**
 * Read the history of `commit` (one `git log --raw`), then every record blob it names (one
 * `git cat-file --batch`), and decide with the pure `verifyEvidenceHistory`.
 */
export async function verifyEvidenceCommit(git: SimpleGit, commit: string, options: { anchors?: readonly string[]; validate?: EvidenceRecordValidator } = {}): Promise<HistoryVerification> {
  const commits = await readEvidenceHistory(git, commit);
  const blobs: string[] = [];
  const withFields = new Set<string>();
  for (const c of commits) {
    const changes = c.changes.filter((x) => isRecordPath(x.path));
    const altering = changes.some((x) => x.status !== 'A');
    for (const x of changes) {
      for (const blob of [x.oldBlob, x.newBlob]) {
        blobs.push(blob);
        if (altering) withFields.add(blob);
      }
    }
  }
  const summaries = await readRecordBlobs(git, blobs, options.validate ?? createEvidenceRecordValidator(), withFields);
  return verifyEvidenceHistory({ tip: commit, commits, blobs: summaries, ...(options.anchors ? { anchors: options.anchors } : {}) });
}

/**
 * Verify the evidence branch: fetch it without forcing (a rewrite of a tip known here is a
 * finding, and the remote tip is not adopted), walk its history and check that every commit only
 * added records on top of the chain, and that every anchor is still on it. A clean result
 * records the tip as verified (`refs/evident/verified/REMOTE/BRANCH`).
 */
export async function verifyEvidenceBranch(git: SimpleGit, options: VerifyOptions): Promise<EvidenceVerification> {
  let ref = options.ref ?? remoteTrackingRef(options);
  return withCheckoutLock(git, async () => {
    const problems: ChainProblem[] = [];
    let commit: string | undefined;
    if (options.ref) commit = await resolveCommit(git, options.ref);
    else {
      try {
        commit = await fetchEvidenceBranch(git, options);
      } catch (error) {
        if (!(error instanceof EvidenceRewriteError)) throw error;
        problems.push({ file: '', problem: 'rewritten', message: error.message, commit: error.remoteTip ?? error.known });
        commit = error.remoteTip ?? error.known;
        ref = error.remoteTip ? 'FETCH_HEAD' : error.knownRef;
      }
    }
    if (!commit) {
      throw new EvidenceBranchError(options.ref ? `Unexpected ref \`${options.ref}\`, expected a branch or commit holding evidence records` : `No evidence branch \`${options.branch}\` on remote \`${options.remote}\`: nothing has been collected yet`);
    }
    const history = await verifyEvidenceCommit(git, commit, options);
    problems.push(...history.problems);
    if (!options.ref && problems.length === 0) await markVerified(git, options, commit);
    return { ref, commit, records: history.chain.length, head: history.head, problems };
  });
}
