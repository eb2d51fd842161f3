import type { ChainProblem } from '@evident/core';

/**
 * The evidence branch's history did more than add records on top of the chain (a record deleted,
 * renumbered, modified or inserted, a merge): its records are not what was collected, so no result
 * is computed from them. Reported as an environment fault, every problem on its own line.
 */
export class EvidenceHistoryError extends Error {
  override name = 'EvidenceHistoryError';
  constructor(
    readonly location: string,
    readonly commit: string,
    readonly problems: ChainProblem[],
  ) {
    super(`Unexpected history of evidence branch \`${location}\` at ${commit.slice(0, 12)} with ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}, expected every commit to only add records on top of the chain (\`evident evidence verify\` names the same problems)`);
  }
}
