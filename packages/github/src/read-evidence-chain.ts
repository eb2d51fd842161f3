import { describeDuplicateKey, findDuplicateJsonKey, isSignatureFile, recordFileOfSignature, type ChainProblem, type EvidenceRecord, type StoredRecord } from '@evident/core';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SimpleGit } from 'simple-git';
import { withCheckoutLock } from './checkout-lock.js';
import { EvidenceBranchError, remoteTrackingRef, resolveCommit, withEvidenceWorktree, type EvidenceLocation } from './evidence-worktree.js';
import { fetchEvidenceBranch } from './fetch-evidence-branch.js';

/** The folder of the evidence branch that holds the records. */
export const RECORDS_DIR = 'records';

export interface RecordsOnDisk {
  /** Parsed records in file-name (sequence) order. */
  stored: StoredRecord[];
  /** Files that are not readable JSON objects, or name a key twice. */
  unreadable: ChainProblem[];
  /** Text of each record's signature file (`….sig.json`), keyed by the record's file. */
  signatures: Map<string, string>;
}

/**
 * Read every `records/*.json` of a checked-out evidence branch, sorted by file name. A commit of the
 * branch without a `records/` folder (nothing appended yet) has no records; a directory the user names
 * (`--records DIR`) is checked for the folder first, so a wrong path is not read as an empty chain.
 */
export async function readRecordsFromDirectory(dir: string): Promise<RecordsOnDisk> {
  const names = await readdir(path.join(dir, RECORDS_DIR)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const stored: StoredRecord[] = [];
  const unreadable: ChainProblem[] = [];
  const signatures = new Map<string, string>();
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const file = `${RECORDS_DIR}/${name}`;
    if (isSignatureFile(file)) {
      signatures.set(recordFileOfSignature(file), await readFile(path.join(dir, file), 'utf8'));
      continue;
    }
    const text = await readFile(path.join(dir, file), 'utf8');
    let record: EvidenceRecord;
    try {
      record = JSON.parse(text) as EvidenceRecord;
      if (record === null || typeof record !== 'object' || Array.isArray(record) || typeof record.sequence !== 'number') throw new Error('not a record');
    } catch {
      unreadable.push({ file, problem: 'invalid', message: `Record ${file} is not a JSON evidence record` });
      continue;
    }
    const duplicate = findDuplicateJsonKey(text);
    if (duplicate) unreadable.push({ file, problem: 'invalid', message: `Record ${file} ${describeDuplicateKey(duplicate)}` });
    else stored.push({ file, record });
  }
  return { stored, unreadable, signatures };
}

export interface ReadChainOptions extends EvidenceLocation {
  /** Read this ref instead of fetching the branch from the remote (e.g. a local branch or a commit). */
  ref?: string;
}

export interface EvidenceChain extends RecordsOnDisk {
  /** The ref that was read and its commit. */
  ref: string;
  commit: string;
}

/** Fetch the evidence branch (unless `ref` is given) and read its records. */
export async function readEvidenceChain(git: SimpleGit, options: ReadChainOptions): Promise<EvidenceChain> {
  const ref = options.ref ?? remoteTrackingRef(options);
  return withCheckoutLock(git, async () => {
    const commit = options.ref ? await resolveCommit(git, options.ref) : await fetchEvidenceBranch(git, options);
    if (!commit) {
      throw new EvidenceBranchError(options.ref ? `Unexpected ref \`${options.ref}\`, expected a branch or commit holding evidence records` : `No evidence branch \`${options.branch}\` on remote \`${options.remote}\`: nothing has been collected yet`);
    }
    const onDisk = await withEvidenceWorktree(git, commit, (dir) => readRecordsFromDirectory(dir));
    return { ref, commit, ...onDisk };
  });
}
