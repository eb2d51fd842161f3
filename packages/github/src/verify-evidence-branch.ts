import { verifyChain, type ChainProblem } from '@evident/core';
import type { SimpleGit } from 'simple-git';
import { createEvidenceRecordValidator, type EvidenceRecordValidator } from './create-evidence-record-validator.js';
import { readEvidenceChain, type ReadChainOptions } from './read-evidence-chain.js';

export interface EvidenceVerification {
  ref: string;
  commit: string;
  /** Records read (readable JSON). */
  records: number;
  /** Every modified, missing, inserted, reordered or invalid record, named by file. Empty when intact. */
  problems: ChainProblem[];
}

/**
 * Verify the evidence chain on the evidence branch: every record matches the published schema
 * and its hash, and follows the one before it. Names each bad record.
 */
export async function verifyEvidenceBranch(git: SimpleGit, options: ReadChainOptions & { validate?: EvidenceRecordValidator }): Promise<EvidenceVerification> {
  const chain = await readEvidenceChain(git, options);
  const validate = options.validate ?? createEvidenceRecordValidator();
  const invalid: ChainProblem[] = chain.stored.flatMap(({ file, record }) => {
    const problems = validate(record);
    return problems.length ? [{ file, problem: 'invalid' as const, message: `Record ${file} does not match the evidence record schema: ${problems.slice(0, 3).join('; ')}` }] : [];
  });
  const problems = [...chain.unreadable, ...invalid, ...verifyChain(chain.stored)].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { ref: chain.ref, commit: chain.commit, records: chain.stored.length, problems };
}
