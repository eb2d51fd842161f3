import { verifyChain, type ChainProblem, type EvidenceRecord, type StoredRecord } from '@evident/core';
import type { RecordFile } from '../bundle-inputs.js';

/** The outcome of checking the evidence chain: what the bundle states and what `evident verify` recomputes. */
export interface ChainResult {
  records: number;
  /** Hash of the last record, or null when there are none. */
  head: string | null;
  problems: ChainProblem[];
  /** The records that parsed, in file order. */
  stored: StoredRecord[];
}

/** Parse record files (sorted by name) and verify their chain with core's `verifyChain`. Pure. */
export function verifyRecordFiles(files: readonly RecordFile[]): ChainResult {
  const sorted = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const problems: ChainProblem[] = [];
  const stored: StoredRecord[] = [];
  for (const { file, bytes } of sorted) {
    try {
      const record = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as EvidenceRecord;
      if (record === null || typeof record !== 'object' || typeof record.sequence !== 'number' || typeof record.hash !== 'string') throw new Error('not an evidence record');
      stored.push({ file, record });
    } catch (error) {
      problems.push({ file, problem: 'invalid', message: `Record ${file} is not a readable evidence record: ${(error as Error).message}` });
    }
  }
  problems.push(...verifyChain(stored));
  return { records: sorted.length, head: stored.at(-1)?.record.hash ?? null, problems, stored };
}
