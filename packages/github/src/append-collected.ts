import type { UnsealedRecord } from '@evident/core';
import type { SimpleGit } from 'simple-git';
import type { RecordSigner } from './create-record-signer.js';
import { appendEvidence, type AppendResult } from './evidence-store.js';

/** Where and how a collector appends what it collected: the options every collector shares. */
export interface CollectedAppendOptions {
  /** The checkout the evidence branch is written through; without it nothing is written (a dry run). */
  git?: SimpleGit;
  remote?: string;
  branch: string;
  committer: { name: string; email: string };
  /** Signs each record appended (docs/evidence.md#signed-records). */
  sign?: RecordSigner;
  onProgress?: (message: string) => void;
}

/** What a collector collected, and what it appended (absent on a dry run). */
export interface CollectedRecords {
  records: UnsealedRecord[];
  append?: AppendResult;
}

/** Append collected records to the evidence branch in one commit; without a checkout (a dry run) only return them. */
export async function appendCollected(records: UnsealedRecord[], options: CollectedAppendOptions): Promise<CollectedRecords> {
  if (!options.git) return { records };
  options.onProgress?.(`Appending ${records.length} record${records.length === 1 ? '' : 's'} to the evidence branch \`${options.branch}\``);
  const append = await appendEvidence(options.git, records, { remote: options.remote ?? 'origin', branch: options.branch, committer: options.committer, ...(options.sign ? { sign: options.sign } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  return { records, append };
}
