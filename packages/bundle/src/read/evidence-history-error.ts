import type { ChainProblem } from '@evident/core';

/**
 * The evidence branch's history did more than add records on top of the chain (a record deleted,
 * renumbered, modified or inserted, a merge): its records are not what was collected, and no
 * bundle is built from them. `evident evidence verify` names the same problems.
 */
export class EvidenceHistoryError extends Error {
  override name = 'EvidenceHistoryError';
  constructor(
    readonly branch: string,
    readonly tip: string,
    readonly problems: ChainProblem[],
  ) {
    super(
      `Unexpected ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} in the history of evidence branch \`${branch}\` (tip ${tip}), expected every commit to only add records on top of the chain:\n${problems.map((p) => `  ${p.problem} ${p.message}`).join('\n')}\nNo bundle was written; \`evident evidence verify\` names the same problems`,
    );
  }
}
