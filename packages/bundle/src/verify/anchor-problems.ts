import { recordHash, type EvidenceRecord } from '@evident/core';
import type { RecordFile } from '../bundle-inputs.js';
import type { BundleProblem } from './bundle-problem.js';

/** A record hash, as `evidence_chain.head` of a manifest and `evident evidence verify --anchor` take it. */
export const ANCHOR_HASH = /^[0-9a-f]{64}$/;

/**
 * The `--anchor` values an earlier bundle gave (its `evidence_chain.head`, or any record hash or record
 * id noted then) that this bundle's chain no longer holds, as `evident evidence verify --anchor` names
 * them on the evidence branch: a hash must be the hash of a record here whose content still recomputes
 * to it; a record id must name a record here. Without the records (past their limit) every anchor is
 * named as unchecked. Pure.
 */
export function anchorProblems(anchors: readonly string[], records: readonly RecordFile[] | undefined): BundleProblem[] {
  if (anchors.length === 0) return [];
  if (!records) {
    return anchors.map((anchor) => ({ file: 'evidence-records/', problem: 'chain', message: `Unexpected anchor \`${anchor}\` left unchecked, expected the bundle's records within their limits` }));
  }
  const byHash = new Map<string, string>();
  const byId = new Map<string, { file: string; hash: string }>();
  for (const { file, bytes } of records) {
    if (!file.endsWith('.json') || file.endsWith('.sig.json')) continue;
    let record: Partial<EvidenceRecord>;
    try {
      record = JSON.parse(Buffer.from(bytes).toString('utf8')) as Partial<EvidenceRecord>;
    } catch {
      continue;
    }
    if (typeof record.hash !== 'string' || typeof record.id !== 'string') continue;
    // A record whose content no longer gives its hash does not hold the anchor (the chain check names it).
    let intact = false;
    try {
      intact = recordHash(record as EvidenceRecord) === record.hash;
    } catch {
      intact = false;
    }
    if (intact) byHash.set(record.hash, file);
    byId.set(record.id, { file, hash: record.hash });
  }
  const problems: BundleProblem[] = [];
  for (const anchor of anchors) {
    if (ANCHOR_HASH.test(anchor)) {
      if (!byHash.has(anchor)) problems.push({ file: 'evidence-records/', problem: 'chain', message: `Unexpected chain without anchor \`${anchor}\`, expected a record with that hash: no record in this bundle has it (removed, edited or re-sealed since the bundle that gave it)` });
    } else if (!byId.has(anchor)) {
      problems.push({ file: 'evidence-records/', problem: 'chain', message: `Unexpected chain without anchor \`${anchor}\`, expected the record with that id: no record in this bundle has it` });
    }
  }
  return problems;
}
