import { canonicalJson, describeDuplicateKey, findDuplicateJsonKey, recordHash, sha256Hex, type EvidenceRecord } from '@evident/core';
import type { EvidenceRecordValidator } from './create-evidence-record-validator.js';

/** What the history walk needs of one record file's content: small, so tens of thousands fit in memory. */
export type RecordSummary =
  | {
      readable: true;
      id: string;
      sequence: number;
      hash: string;
      previous_hash: string | null;
      /** The hash recomputes from the content. */
      hashMatches: boolean;
      /** Schema problems (at most three); empty when valid. */
      schemaProblems: string[];
      /** A digest of each top-level field, to say which fields a change touched (only when asked for). */
      fields?: Record<string, string>;
    }
  | {
      readable: false;
      /** Why, when the text is JSON but not one a record may be (a key named twice). */
      problem?: string;
    };

/** Summarise a record file's text: parse it, recompute its hash, validate it. Pure. */
export function summarizeRecord(text: string, validate: EvidenceRecordValidator, withFields = false): RecordSummary {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { readable: false };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { readable: false };
  const duplicate = findDuplicateJsonKey(text);
  if (duplicate) return { readable: false, problem: describeDuplicateKey(duplicate) };
  const record = value as Partial<EvidenceRecord> & Record<string, unknown>;
  if (typeof record.sequence !== 'number') return { readable: false };
  let hashMatches = false;
  try {
    hashMatches = typeof record.hash === 'string' && recordHash(record as EvidenceRecord) === record.hash;
  } catch {
    hashMatches = false;
  }
  const summary: RecordSummary = {
    readable: true,
    id: typeof record.id === 'string' ? record.id : '',
    sequence: record.sequence,
    hash: typeof record.hash === 'string' ? record.hash : '',
    previous_hash: typeof record.previous_hash === 'string' ? record.previous_hash : null,
    hashMatches,
    schemaProblems: validate(record).slice(0, 3),
  };
  if (withFields) summary.fields = Object.fromEntries(Object.keys(record).map((key) => [key, sha256Hex(canonicalJson(record[key] ?? null)).slice(0, 16)]));
  return summary;
}

/** The top-level fields whose values differ between two summaries made with fields, sorted. */
export function changedFields(before: RecordSummary | undefined, after: RecordSummary | undefined): string[] {
  const a = before?.readable ? (before.fields ?? {}) : {};
  const b = after?.readable ? (after.fields ?? {}) : {};
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => a[key] !== b[key]).sort();
}
