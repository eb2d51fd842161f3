import type { EvidenceRecord } from '@evident/core';
import type { SimpleGit } from 'simple-git';
import type { EvidenceLocation } from '../evidence-worktree.js';
import { readEvidenceChain } from '../read-evidence-chain.js';

/**
 * The access-snapshot records of the evidence branch on the remote (fetched as every read of the
 * chain is, without forcing), which an access review file must name; none when the remote has no
 * evidence branch yet.
 */
export async function readAccessSnapshots(git: SimpleGit, location: EvidenceLocation): Promise<EvidenceRecord[]> {
  const heads = await git.raw(['ls-remote', '--heads', location.remote, `refs/heads/${location.branch}`]);
  if (heads.trim() === '') return [];
  const chain = await readEvidenceChain(git, location);
  return chain.stored.map((s) => s.record).filter((r) => r.kind === 'access-snapshot');
}
