import { checkRepository, createValidators, defaultParseWorker, readRepository, type CheckResult } from '@evident/core';
import { availableParallelism } from 'node:os';

/** Below this many documents, worker threads cost more than they save (docs/performance.md). */
const PARALLEL_THRESHOLD = 400;

/** Read a repository once and run the whole check pipeline over it. */
export async function loadCheckedRepository(root: string, today: string): Promise<CheckResult> {
  const validators = createValidators();
  const worker = defaultParseWorker();
  const parallel = worker ? { worker, threads: availableParallelism(), minDocuments: PARALLEL_THRESHOLD } : undefined;
  const snapshot = await readRepository(root, { validators, parallel });
  return checkRepository(snapshot, { today, validators });
}
