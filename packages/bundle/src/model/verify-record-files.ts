import { checkRecordSignatures, createValidators, describeDuplicateKey, findDuplicateJsonKey, isSignatureFile, SIGNATURE_FINDINGS, recordFileOfSignature, verifyChain, type ChainProblem, type EvidenceRecord, type KeylessVerifier, type SignatureReport, type SigningConfig, type StoredRecord } from '@evident/core';
import type { RecordFile } from '../bundle-inputs.js';

/** The outcome of checking the evidence chain: what the bundle states and what `evident verify` recomputes. */
export interface ChainResult {
  /** Record files (signature files not counted). */
  records: number;
  /** Hash of the last record, or null when there are none. */
  head: string | null;
  problems: ChainProblem[];
  /** The records that parsed, in file order. */
  stored: StoredRecord[];
  /** Every record's signature checked against evident.yaml `evidence.signing`. */
  signatures: SignatureReport;
  /** The records that parsed and whose signature check is no finding: those that approve, acknowledge and meet occurrences. */
  trusted: StoredRecord[];
}

const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

/**
 * Parse record files (sorted by name), verify their chain with core's `verifyChain`, and check each
 * record's signature file (`….sig.json`, carried beside it) against the trusted keys, and keyless
 * ones with `keyless` (offline Sigstore verification). Pure.
 */
export function verifyRecordFiles(files: readonly RecordFile[], signing?: SigningConfig, keyless?: KeylessVerifier): ChainResult {
  const sorted = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const problems: ChainProblem[] = [];
  const stored: StoredRecord[] = [];
  const signatures = new Map<string, string>();
  const recordFiles = sorted.filter((f) => !isSignatureFile(f.file));
  const recordNames = new Set(recordFiles.map((f) => f.file));
  for (const { file, bytes } of sorted.filter((f) => isSignatureFile(f.file))) {
    let text: string;
    try {
      text = utf8(bytes);
    } catch {
      text = '';
    }
    const record = recordFileOfSignature(file);
    if (recordNames.has(record)) signatures.set(record, text);
    else problems.push({ file, problem: 'invalid', message: `Signature ${file} has no record \`${record}\` beside it` });
  }
  for (const { file, bytes } of recordFiles) {
    try {
      const text = utf8(bytes);
      const record = JSON.parse(text) as EvidenceRecord;
      if (record === null || typeof record !== 'object' || typeof record.sequence !== 'number' || typeof record.hash !== 'string') throw new Error('not an evidence record');
      // A key named twice reads one way to a person and another to JSON.parse: the record says two things.
      const duplicate = findDuplicateJsonKey(text);
      if (duplicate) problems.push({ file, problem: 'invalid', message: `Record ${file} ${describeDuplicateKey(duplicate)}` });
      else stored.push({ file, record });
    } catch (error) {
      problems.push({ file, problem: 'invalid', message: `Record ${file} is not a readable evidence record: ${(error as Error).message}` });
    }
  }
  // A record file's name starts with its sequence (`recordFileName`): a file renumbered or swapped with
  // another is named, and core's "missing" for it (its sequence is elsewhere, not missing) left out.
  const renumbered = new Set<string>();
  for (const { file, record } of stored) {
    const named = /^records\/(\d{6,})-/.exec(file)?.[1];
    if (named === undefined || Number(named) === record.sequence) continue;
    renumbered.add(file);
    problems.push({ file, problem: 'renumbered', message: `Record ${file} holds sequence ${record.sequence}, but its file name gives ${Number(named)}: the record file was renamed or swapped with another` });
  }
  problems.push(...verifyChain(stored).filter((p) => !(p.problem === 'missing' && renumbered.has(p.file))));
  const report = checkRecordSignatures(stored, signatures, signing, createValidators().evidenceSignature, keyless);
  const untrusted = new Set(report.records.filter((r) => SIGNATURE_FINDINGS.has(r.status)).map((r) => r.file));
  const trusted = stored.filter((s) => !untrusted.has(s.file));
  return { records: recordFiles.length, head: stored.at(-1)?.record.hash ?? null, problems, stored, signatures: report, trusted };
}
