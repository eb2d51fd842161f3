import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { EvidenceRecord, UnsealedRecord } from './evidence-record.js';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The hash a record must carry: SHA-256 of its canonical JSON without the `hash` field. */
export function recordHash(record: Omit<EvidenceRecord, 'hash'> & { hash?: string }): string {
  const { hash: _ignored, ...rest } = record;
  return sha256Hex(canonicalJson(rest));
}

/** Append a record after `previous` (or start a chain): sets sequence, previous_hash and hash. */
export function sealRecord<S>(record: UnsealedRecord<S>, previous: EvidenceRecord | undefined): EvidenceRecord<S> {
  const linked = { ...record, sequence: (previous?.sequence ?? 0) + 1, previous_hash: previous?.hash ?? null };
  return { ...linked, hash: recordHash(linked as Omit<EvidenceRecord, 'hash'>) } as EvidenceRecord<S>;
}

/** Where a record is stored on the evidence branch: ordered by sequence. */
export function recordFileName(record: Pick<EvidenceRecord, 'sequence' | 'kind' | 'id'>): string {
  const slug = record.id.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  return `records/${String(record.sequence).padStart(6, '0')}-${slug}.json`;
}

export interface ChainProblem {
  /** File of the record at fault (or the one after a gap). */
  file: string;
  problem: 'modified' | 'missing' | 'inserted' | 'reordered' | 'invalid';
  message: string;
}

export interface StoredRecord {
  file: string;
  record: EvidenceRecord;
}

/**
 * Verify a chain as stored (files sorted by name): each record's hash recomputes,
 * its sequence matches its place, and it names the hash of the one before.
 * Names every modified, deleted, inserted or reordered record. Pure.
 */
export function verifyChain(stored: readonly StoredRecord[]): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let previous: EvidenceRecord | undefined;
  const seen = new Map<number, string>();
  stored.forEach(({ file, record }, index) => {
    const expectedSequence = (previous?.sequence ?? 0) + 1;
    if (recordHash(record) !== record.hash) {
      problems.push({ file, problem: 'modified', message: `Record ${record.sequence} (${file}) was modified: its content no longer matches its hash` });
    }
    const duplicate = seen.get(record.sequence);
    if (duplicate !== undefined) {
      problems.push({ file, problem: 'inserted', message: `Record ${file} repeats sequence ${record.sequence} of ${duplicate}: a record was inserted` });
    } else if (record.sequence > expectedSequence) {
      problems.push({ file, problem: 'missing', message: `Records ${expectedSequence}${record.sequence - 1 > expectedSequence ? `–${record.sequence - 1}` : ''} are missing before ${file}` });
    } else if (record.sequence < expectedSequence) {
      problems.push({ file, problem: 'reordered', message: `Record ${record.sequence} (${file}) is out of order: expected sequence ${expectedSequence} at position ${index + 1}` });
    } else if ((previous?.hash ?? null) !== record.previous_hash) {
      problems.push({ file, problem: previous ? 'inserted' : 'invalid', message: `Record ${record.sequence} (${file}) does not follow the record before it: its previous_hash differs` });
    }
    seen.set(record.sequence, file);
    previous = record;
  });
  return problems;
}
