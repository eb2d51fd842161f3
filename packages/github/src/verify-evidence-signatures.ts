import { checkRecordSignatures, createValidators, type KeylessVerifier, type SignatureReport, type SigningConfig } from '@evident/core';
import type { SimpleGit } from 'simple-git';
import type { EvidenceLocation } from './evidence-worktree.js';
import { readEvidenceChain } from './read-evidence-chain.js';

/**
 * Check the signature of every record on an evidence commit (one the history walk verified)
 * against the public keys of evident.yaml `evidence.signing` (and keyless ones with `keyless`), offline:
 * the records and their `.sig.json` files are read from git, the verdicts come from core's `checkRecordSignatures`.
 */
export async function verifyEvidenceSignatures(git: SimpleGit, commit: string, location: EvidenceLocation, signing: SigningConfig | undefined, keyless?: KeylessVerifier): Promise<SignatureReport> {
  const chain = await readEvidenceChain(git, { ...location, ref: commit });
  return checkRecordSignatures(chain.stored, chain.signatures, signing, createValidators().evidenceSignature, keyless);
}
