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
export function sealRecord<S>(record: UnsealedRecord<S>, previous: Pick<EvidenceRecord, 'sequence' | 'hash'> | undefined): EvidenceRecord<S> {
  const linked = { ...record, sequence: (previous?.sequence ?? 0) + 1, previous_hash: previous?.hash ?? null };
  return { ...linked, hash: recordHash(linked as Omit<EvidenceRecord, 'hash'>) } as EvidenceRecord<S>;
}

/** Where a record is stored on the evidence branch: ordered by sequence. */
export function recordFileName(record: Pick<EvidenceRecord, 'sequence' | 'kind' | 'id'>): string {
  const slug = record.id.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  return `records/${String(record.sequence).padStart(6, '0')}-${slug}.json`;
}

/**
 * What can be wrong with a chain. From the records alone: `modified`, `missing`, `inserted`,
 * `reordered`, `invalid`. From the evidence branch's git history: `deleted`, `renamed`,
 * `renumbered` (and `modified`, `inserted`, `missing` naming the commit), `rewritten` (the branch
 * no longer contains the tip verified before) and `anchor-missing` (a record hash given as an
 * anchor is no longer on the chain).
 */
export type ChainProblemKind = 'modified' | 'missing' | 'inserted' | 'reordered' | 'invalid' | 'deleted' | 'renamed' | 'renumbered' | 'rewritten' | 'anchor-missing';

export interface ChainProblem {
  /** File of the record at fault (or the one after a gap); empty when no record file is concerned. */
  file: string;
  problem: ChainProblemKind;
  message: string;
  /** The evidence-branch commit that made the change, when the history was read. */
  commit?: string;
  /** Id of the record concerned, when known. */
  record?: string;
}

export interface StoredRecord {
  file: string;
  record: EvidenceRecord;
}

/**
 * Verify a chain as stored (files sorted by name): each record's hash recomputes,
 * its sequence matches its place, and it names the hash of the one before.
 * Names every modified, deleted, inserted or reordered record. Of records sharing a sequence,
 * the one the next record names is taken as genuine (else the first), and the others are
 * named as inserted. Pure. The records alone cannot tell which record was edited and re-sealed
 * (the next link breaks): the evidence branch's history can (`verifyEvidenceHistory`).
 */
export function verifyChain(stored: readonly StoredRecord[]): ChainProblem[] {
  const problems: ChainProblem[] = [];
  const intruders = duplicateIntruders(stored);
  let previous: EvidenceRecord | undefined;
  stored.forEach(({ file, record }, index) => {
    const expectedSequence = (previous?.sequence ?? 0) + 1;
    if (recordHash(record) !== record.hash) {
      problems.push({ file, problem: 'modified', message: `Record ${record.sequence} (${file}) was modified: its content no longer matches its hash` });
    }
    const genuine = intruders.get(index);
    if (genuine !== undefined) {
      problems.push({ file, problem: 'inserted', message: `Record ${file} repeats sequence ${record.sequence} of ${genuine}: a record was inserted` });
      return;
    }
    if (record.sequence > expectedSequence) {
      const gap = record.sequence - 1 > expectedSequence ? `records ${expectedSequence}–${record.sequence - 1}` : `record ${expectedSequence}`;
      problems.push({ file, problem: 'missing', message: `Missing ${gap} before ${file}, which has sequence ${record.sequence}` });
    } else if (record.sequence < expectedSequence) {
      problems.push({ file, problem: 'reordered', message: `Unexpected sequence ${record.sequence} in ${file}, the record at position ${index + 1}, expected ${expectedSequence}: the records are out of order` });
    } else if ((previous?.hash ?? null) !== record.previous_hash) {
      problems.push({ file, problem: previous ? 'inserted' : 'invalid', message: `Record ${record.sequence} (${file}) does not follow the record before it: its previous_hash differs` });
    }
    previous = record;
  });
  return problems;
}

/** Positions of records that repeat a sequence, each mapped to the file of the record kept as genuine. */
function duplicateIntruders(stored: readonly StoredRecord[]): Map<number, string> {
  const bySequence = new Map<number, number[]>();
  stored.forEach(({ record }, index) => bySequence.set(record.sequence, [...(bySequence.get(record.sequence) ?? []), index]));
  const intruders = new Map<number, string>();
  for (const [sequence, positions] of bySequence) {
    if (positions.length < 2) continue;
    const named = new Set((bySequence.get(sequence + 1) ?? []).map((i) => stored[i]!.record.previous_hash));
    const genuine = positions.find((i) => named.has(stored[i]!.record.hash)) ?? positions[0]!;
    for (const i of positions) if (i !== genuine) intruders.set(i, stored[genuine]!.file);
  }
  return intruders;
}
