import { recordFileName, sealRecord, signatureFileName, type ChainProblem, type EvidenceRecord, type RecordSignatureFile, type UnsealedRecord } from '@evident/core';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SimpleGit } from 'simple-git';
import { withCheckoutLock } from './checkout-lock.js';
import { conflictException, recordDifferences, type RecordConflict } from './compare-recorded.js';
import type { RecordSigner } from './create-record-signer.js';
import { assertValidRecord, createEvidenceRecordValidator, type EvidenceRecordValidator } from './create-evidence-record-validator.js';
import { EvidenceBranchError, firstLine, remoteTrackingRef, withEvidenceWorktree, type EvidenceLocation } from './evidence-worktree.js';
import { EvidenceRewriteError, fetchEvidenceBranch, markVerified } from './fetch-evidence-branch.js';
import { RECORDS_DIR } from './read-evidence-chain.js';
import { readFileAtCommit } from './read-file-at-commit.js';
import { verifyEvidenceCommit } from './verify-evidence-branch.js';

export interface AppendOptions extends EvidenceLocation {
  /** Identity of the evidence commits (never read from the global git configuration). */
  committer: { name: string; email: string };
  /** Fetch, re-seal and push again at most this many times when another writer got there first (default 8). */
  maxAttempts?: number;
  validate?: EvidenceRecordValidator;
  /** Writes each record's signature file (`….sig.json`) in the same commit: a signature, or why it is unsigned. None: no signature file. */
  sign?: RecordSigner;
  onProgress?: (message: string) => void;
}

export interface AppendResult {
  /** Records added by this call, sealed as stored. */
  appended: { file: string; record: EvidenceRecord; signature?: { file: string; algorithm: RecordSignatureFile['algorithm']; key_id?: string } }[];
  /** Ids already on the branch with the same facts: collecting twice adds nothing. */
  skipped: string[];
  /**
   * Ids already on the branch with a record that says something else: not written, and a
   * `conflicting-record` exception naming each one is appended instead. The collector fails.
   */
  conflicts: RecordConflict[];
  /** The evidence commit pushed, when anything was appended. */
  commit?: string;
  /** Pushes tried (more than 1 when a concurrent writer won a race). */
  attempts: number;
}

/** The evidence branch fails verification (history included): nothing is appended to it. */
export class EvidenceChainError extends Error {
  override name = 'EvidenceChainError';
  constructor(
    readonly location: EvidenceLocation,
    readonly problems: ChainProblem[],
  ) {
    super(
      [
        `Unexpected evidence branch \`${location.branch}\` on \`${location.remote}\` that fails verification with ${problems.length} problem${problems.length === 1 ? '' : 's'}, expected an intact chain to append to: nothing was appended (see \`evident evidence verify\`)`,
        ...problems.map((p) => `${p.problem} ${p.file ? `${p.file} ` : ''}${p.message}`),
      ].join('\n'),
    );
  }
}

/** Pushing to the evidence branch failed for a reason a retry cannot fix, or retries ran out. */
export class EvidencePushError extends Error {
  override name = 'EvidencePushError';
}

const README = `# Evidence records

This branch is written by \`evident evidence collect\`. Each file under \`records/\` is one JSON
evidence record; each record carries the hash of the one before it, so \`evident evidence verify\`
detects any record that is modified, deleted, inserted or reordered. Never edit this branch by hand:
protect it with a ruleset that forbids force pushes and deletion.
`;

/** A push the remote refused because the branch moved (or was locked) meanwhile: fetch and try again. */
function isRace(message: string): boolean {
  return /\[rejected\]|non-fast-forward|fetch first|stale info|cannot lock ref|failed to update ref|unable to create .*\.lock|incorrect old value/i.test(message);
}

/**
 * Append records to the evidence branch, never rewriting it. The branch is fetched without
 * forcing and verified first, history included: a rewritten branch or a chain with any problem
 * is refused with EvidenceChainError and nothing is written. Records whose id is already on the
 * branch are skipped when the record there states the same facts (recordDifferences); when it
 * states others, the record is not written, the id is returned in `conflicts` and a
 * `conflicting-record` exception naming it is appended instead. When the push loses a race with another writer, the branch is fetched again
 * and the new records are re-sealed on top of the new tip (new sequence and previous_hash).
 */
export async function appendEvidence(git: SimpleGit, records: readonly UnsealedRecord[], options: AppendOptions): Promise<AppendResult> {
  const validate = options.validate ?? createEvidenceRecordValidator();
  const maxAttempts = options.maxAttempts ?? 8;
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const outcome = await withCheckoutLock(git, async () => {
      const fetched = await fetchEvidenceBranch(git, options).then(
        (tip) => ({ tip }),
        (error: unknown) => {
          if (error instanceof EvidenceRewriteError) throw new EvidenceChainError(options, [{ file: '', problem: 'rewritten', message: error.message, commit: error.remoteTip ?? error.known }]);
          // Another git process (a plain `git fetch`) held or moved the remote-tracking ref meanwhile: look again.
          if (!(error instanceof EvidenceBranchError) && isRace((error as Error).message)) return undefined;
          throw error;
        },
      );
      if (!fetched) {
        options.onProgress?.(`Evidence branch \`${options.branch}\`: its remote-tracking ref was locked or moved by another git process; fetching again (attempt ${attempt + 1} of ${maxAttempts})`);
        return { status: 'raced' as const };
      }
      const { tip } = fetched;
      // Never build on a chain that fails verification: the history is walked on every attempt.
      const verified = tip ? await verifyEvidenceCommit(git, tip, { validate }) : undefined;
      if (verified && verified.problems.length > 0) throw new EvidenceChainError(options, verified.problems);
      const chain = verified?.chain ?? [];
      return withEvidenceWorktree(git, tip, async (dir, worktree) => {
        const onBranch = new Map(chain.map((entry) => [entry.id, entry]));
        const known = new Set(onBranch.keys());
        const fresh: UnsealedRecord[] = [];
        const skipped: string[] = [];
        const conflicts: RecordConflict[] = [];
        /** A record whose id is taken: skipped when the record there states the same facts, else a conflict. */
        const compare = async (record: UnsealedRecord): Promise<RecordConflict | undefined> => {
          const entry = onBranch.get(record.id);
          if (!entry) return undefined;
          const text = (await readFileAtCommit(git, tip!, entry.file))?.toString('utf8') ?? '';
          let existing: Partial<EvidenceRecord> = {};
          try {
            existing = JSON.parse(text) as Partial<EvidenceRecord>;
          } catch {
            // verifyEvidenceCommit has refused a chain with an unreadable record already.
          }
          const differences = recordDifferences(existing, record);
          return differences.length ? { id: record.id, sequence: entry.sequence, file: entry.file, differences } : undefined;
        };
        const exceptions: UnsealedRecord[] = [];
        for (const record of records) {
          if (!known.has(record.id)) {
            known.add(record.id);
            fresh.push(record);
            continue;
          }
          const conflict = await compare(record);
          if (!conflict) skipped.push(record.id);
          else {
            conflicts.push(conflict);
            exceptions.push(conflictException(conflict, record));
          }
        }
        // The exceptions themselves: a taken id with other content is reported, not excepted again.
        for (const record of exceptions) {
          if (!known.has(record.id)) {
            known.add(record.id);
            fresh.push(record);
            continue;
          }
          const conflict = await compare(record);
          if (conflict) conflicts.push(conflict);
          else skipped.push(record.id);
        }
        if (fresh.length === 0) return { status: 'done' as const, result: { appended: [], skipped, conflicts, attempts: attempt } };

        let previous: Pick<EvidenceRecord, 'sequence' | 'hash'> | undefined = chain.at(-1);
        const appended: AppendResult['appended'] = [];
        await mkdir(path.join(dir, RECORDS_DIR), { recursive: true });
        for (const record of fresh) {
          const sealed = sealRecord(record, previous);
          assertValidRecord(validate, sealed);
          const file = recordFileName(sealed);
          await writeFile(path.join(dir, file), JSON.stringify(sealed, null, 2) + '\n');
          const signed = await options.sign?.(sealed);
          if (signed) await writeFile(path.join(dir, signatureFileName(file)), JSON.stringify(signed, null, 2) + '\n');
          const signature = signed ? { file: signatureFileName(file), algorithm: signed.algorithm, ...(signed.algorithm === 'ed25519' ? { key_id: signed.key_id } : {}) } : undefined;
          appended.push({ file, record: sealed, ...(signature ? { signature } : {}) });
          previous = sealed;
        }
        if (!tip) await writeFile(path.join(dir, 'README.md'), README);
        await worktree.raw(['add', '--', ...appended.flatMap((a) => (a.signature ? [a.file, a.signature.file] : [a.file])), ...(tip ? [] : ['README.md'])]);
        const tree = (await worktree.raw(['write-tree'])).trim();
        const message = `Add ${appended.length} evidence record${appended.length === 1 ? '' : 's'}\n\n${appended.map((a) => `${a.file} ${a.record.id}`).join('\n')}\n`;
        const identity = ['-c', `user.name=${options.committer.name}`, '-c', `user.email=${options.committer.email}`];
        const commit = (await worktree.raw([...identity, 'commit-tree', tree, ...(tip ? ['-p', tip] : []), '-m', message])).trim();
        try {
          // Pushed by the checkout's own git (the commit is in the object store the worktree shares), so a
          // remote given as a relative path resolves as it does for the repository, not from the temporary folder.
          await git.raw(['push', '--porcelain', options.remote, `${commit}:refs/heads/${options.branch}`]);
        } catch (error) {
          const text = (error as Error).message;
          if (!isRace(text)) throw new EvidencePushError(`Cannot push to evidence branch \`${options.branch}\` on \`${options.remote}\`: ${firstLine(text)}`);
          options.onProgress?.(`Evidence branch \`${options.branch}\` moved while writing; fetching and re-sealing (attempt ${attempt + 1} of ${maxAttempts})`);
          return { status: 'raced' as const };
        }
        // The push is done: a remote-tracking ref held by another git process meanwhile only moves later.
        await git.raw(['update-ref', remoteTrackingRef(options), commit]).catch(() => undefined);
        await markVerified(git, options, commit);
        return { status: 'done' as const, result: { appended, skipped, conflicts, commit, attempts: attempt } };
      }, { checkout: false });
    });
    if (outcome.status === 'done') return outcome.result;
  }
  throw new EvidencePushError(`Cannot push to evidence branch \`${options.branch}\`: other writers kept moving it; gave up after ${maxAttempts} attempts, nothing was written`);
}
