import type { EvidenceHistoryWalk } from '../bundle-inputs.js';

/**
 * What the bundle checked of the evidence branch's history, in one sentence fragment the portal,
 * the CLI and the action print: `history walked from the first record commit A to B (N commits)`. Pure.
 */
export function describeEvidenceHistory(history: EvidenceHistoryWalk | null | undefined): string {
  if (!history) return 'no evidence branch, so no history walked';
  const commits = `${history.commits} ${history.commits === 1 ? 'commit' : 'commits'}`;
  if (!history.first_record_commit) return `history walked to ${history.tip} (${commits}), no record on it`;
  return `history walked from the first record commit ${history.first_record_commit} to ${history.tip} (${commits}), every commit only added records`;
}
