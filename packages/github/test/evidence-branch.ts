import { recordHash, type EvidenceRecord, type UnsealedRecord } from '@evident/core';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { createEvidenceRecordValidator } from '../src/create-evidence-record-validator.js';
import { appendEvidence, type AppendOptions } from '../src/evidence-store.js';
import { commitAll, type Clone, type GitSandbox } from './git-sandbox.js';

/** How the collector writes in these tests: the record schema compiled once per test file and passed down. */
export const COLLECTOR: AppendOptions = { remote: 'origin', branch: 'evidence', committer: { name: 'Evidence Bot', email: 'bot@example.com' }, validate: createEvidenceRecordValidator() };

/** A small valid record, numbered `n` in its id and detail. */
export const testRecord = (n: number, detail = `record ${n}`): UnsealedRecord => ({
  schema_version: 1,
  id: `exception/acme/program/test/${n}`,
  kind: 'exception',
  repository: 'acme/program',
  recorded_at: '2026-03-01T00:00:00Z',
  subject: { reason: 'test', detail },
  provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: '2026-03-01T00:00:00Z', api_calls: [] },
});

/** File name of test record `n` stored at sequence `sequence` (default `n`). */
export const testRecordFile = (n: number, sequence = n) => `records/${String(sequence).padStart(6, '0')}-exception-acme-program-test-${n}.json`;

/** Append test records 1..count through the evidence store, one commit per call. Returns the remote tip. */
export async function seedEvidence(clone: Clone, sandbox: GitSandbox, count: number): Promise<string> {
  await appendEvidence(clone.git, Array.from({ length: count }, (_, i) => testRecord(i + 1)), COLLECTOR);
  return remoteTip(sandbox);
}

/** The evidence branch's tip on the bare remote ('' when there is none). */
export async function remoteTip(sandbox: GitSandbox): Promise<string> {
  return (await simpleGit(sandbox.remote).raw(['for-each-ref', '--format=%(objectname)', 'refs/heads/evidence'])).trim();
}

export type RecordEdit = (record: EvidenceRecord) => EvidenceRecord;

/** Someone with push access: a clone on the evidence branch, editing files by hand. */
export interface Tamperer {
  clone: Clone;
  read(file: string): Promise<EvidenceRecord>;
  write(file: string, record: EvidenceRecord | string): Promise<void>;
  remove(file: string): Promise<void>;
  /** Commit everything and push (forced when asked); returns the commit. */
  push(message: string, options?: { force?: boolean }): Promise<string>;
}

export async function tamperer(sandbox: GitSandbox, name = 'mallory'): Promise<Tamperer> {
  const clone = await sandbox.clone(name);
  await clone.git.raw(['checkout', '--quiet', 'evidence']);
  await clone.git.addConfig('user.name', 'Mallory');
  await clone.git.addConfig('user.email', 'mallory@example.com');
  return tampererIn(clone);
}

/** The tamperer whose clone `tamperer` made earlier (in a sandbox copied from a template, say). */
export function tampererIn(clone: Clone): Tamperer {
  const at = (file: string) => path.join(clone.dir, file);
  return {
    clone,
    read: async (file) => JSON.parse(await readFile(at(file), 'utf8')) as EvidenceRecord,
    write: (file, record) => writeFile(at(file), typeof record === 'string' ? record : JSON.stringify(record, null, 2) + '\n'),
    remove: (file) => rm(at(file)),
    async push(message, options = {}) {
      const sha = await commitAll(clone, message);
      await clone.git.raw(['push', '--quiet', ...(options.force ? ['--force'] : []), 'origin', 'evidence']);
      return sha;
    },
  };
}

/** Re-seal a record after editing it: recompute its hash, optionally with a new place in the chain. */
export function reseal(record: EvidenceRecord, changes: Partial<EvidenceRecord> = {}): EvidenceRecord {
  const edited = { ...record, ...changes };
  return { ...edited, hash: recordHash(edited) };
}
