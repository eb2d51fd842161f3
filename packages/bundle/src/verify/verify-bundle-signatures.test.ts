import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateSigningKey, loadSigningKey, signatureFileName, signRecord, type EvidenceRecord } from '@evident/core';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBundle } from '../build-bundle.js';
import { createFixtureRepository, type FixtureRepository } from '../test-support/fixture-repository.js';
import { requireSignedRecords, signEvidenceRecords } from '../test-support/signed-fixture.js';
import { readZipEntries } from '../test-support/read-zip-entries.js';
import { rewriteZip } from '../test-support/rewrite-zip.js';
import { verifyBundle } from './verify-bundle.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const key = generateSigningKey();
let fixture: FixtureRepository;
let dir: string;
let bundle: string;
let records: { file: string; record: EvidenceRecord }[];

/** Replace one entry's bytes (same length) and re-state its SHA-256 in manifest.json and SHA256SUMS, as a careful forger would. */
async function forge(target: string, replace: (bytes: Buffer) => Buffer): Promise<string> {
  const entries = await readZipEntries(bundle);
  const before = entries.get(target)!;
  const after = replace(before);
  expect(after.length).toBe(before.length);
  const manifest = Buffer.from(entries.get('manifest.json')!.toString('utf8').replace(sha256(before), sha256(after)));
  const sums = entries.get('SHA256SUMS')!.toString('utf8').replace(sha256(before), sha256(after)).replace(sha256(entries.get('manifest.json')!), sha256(manifest));
  const to = path.join(dir, `forged-${path.basename(target)}.zip`);
  await rewriteZip(bundle, to, (name, bytes) => (name === target ? after : name === 'manifest.json' ? manifest : name === 'SHA256SUMS' ? Buffer.from(sums) : bytes));
  return to;
}

beforeAll(async () => {
  fixture = await createFixtureRepository();
  dir = await mkdtemp(path.join(os.tmpdir(), 'evident-verify-signatures-'));
  records = await signEvidenceRecords(fixture, key);
  await requireSignedRecords(fixture, key);
  bundle = (await buildBundle({ root: fixture.root, outDir: dir, toolVersion: '0.1.0', now: () => new Date('2026-05-15T00:00:00Z') })).path;
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
});

describe('verifyBundle checks every record\'s signature against the bundle\'s evident.yaml', () => {
  it('carries each .sig.json byte for byte, reports the signatures in verification.json and on records.html, and verifies them', async () => {
    const entries = await readZipEntries(bundle);
    const sigFile = signatureFileName(records[0]!.file);
    expect(entries.get(`evidence-records/${sigFile}`)!.toString('utf8')).toBe(await fixture.git.raw(['show', `evidence:${sigFile}`]));
    const verification = JSON.parse(entries.get('evidence-records/verification.json')!.toString('utf8'));
    expect(verification).toMatchObject({ records: 2, intact: true, signatures: { ok: true, keys: 1, required_from: '2026-01-01', counts: { valid: 2 } } });
    expect(entries.get('records.html')!.toString('utf8')).toContain(`signed (${key.keyId})`);
    const result = await verifyBundle(bundle);
    expect(result).toMatchObject({ ok: true, problems: [], chain: { records: 2, problems: 0 }, signatures: { ok: true, counts: { valid: 2 } } });
  });

  it('names a tampered .sig.json even when manifest.json and SHA256SUMS were re-stated to match it', async () => {
    const [first, second] = records;
    const target = `evidence-records/${signatureFileName(second!.file)}`;
    const otherSignature = signRecord(first!.record, loadSigningKey(key.privateKeyPem), new Date(first!.record.recorded_at)).signature;
    const forged = await forge(target, (bytes) => {
      const sig = JSON.parse(bytes.toString('utf8'));
      return Buffer.from(bytes.toString('utf8').replace(sig.signature, otherSignature));
    });
    const result = await verifyBundle(forged);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ file: `evidence-records/${second!.file}`, problem: 'signature', message: `Record \`${second!.record.id}\` does not match its signature by key \`${key.keyId}\`: the record's bytes differ from those signed (edited after signing, or signed by another key under this id)` }]);
  });

  it('names a record left unsigned after required_from when its .sig.json is dropped from the bundle', async () => {
    const target = `evidence-records/${signatureFileName(records[0]!.file)}`;
    const to = path.join(dir, 'dropped.zip');
    await rewriteZip(bundle, to, (name, bytes) => (name === target ? null : bytes));
    const result = await verifyBundle(to);
    expect(result.problems).toEqual(expect.arrayContaining([{ file: `evidence-records/${records[0]!.file}`, problem: 'signature', message: expect.stringContaining('is unsigned (no signature file), expected a signature for every record from 2026-01-01') }]));
  });
});
