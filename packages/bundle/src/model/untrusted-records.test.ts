/**
 * With signed records required, a record whose signature check is a finding (here: unsigned, recorded
 * after `required_from`) is listed in the bundle with its finding, but approves, acknowledges and meets
 * nothing: the acknowledgments it claims are not in acknowledgments.csv nor on the policy page.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateSigningKey, loadSigningKey, recordFileName, signatureFileName, signRecord, type EvidenceRecord } from '@evident/core';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBundle } from '../build-bundle.js';
import { createFixtureRepository, type FixtureRepository } from '../test-support/fixture-repository.js';
import { readZipEntries } from '../test-support/read-zip-entries.js';

const key = generateSigningKey();
let fixture: FixtureRepository;
let dir: string;
let entries: Map<string, Buffer>;
const text = (name: string) => entries.get(name)?.toString('utf8') ?? '';

beforeAll(async () => {
  fixture = await createFixtureRepository();
  dir = await mkdtemp(path.join(os.tmpdir(), 'evident-untrusted-records-'));
  const { git, root } = fixture;
  await git.raw(['checkout', '--quiet', 'evidence']);
  const files = (await git.raw(['ls-files', 'records'])).trim().split('\n');
  // The approval is signed; the acknowledgment after it is not.
  const approval = JSON.parse(await readFile(path.join(root, files[0]!), 'utf8')) as EvidenceRecord;
  const signature = signRecord(approval, loadSigningKey(key.privateKeyPem), new Date(approval.recorded_at));
  await writeFile(path.join(root, signatureFileName(recordFileName(approval))), `${JSON.stringify(signature, null, 2)}\n`);
  await git.add('records');
  await git.commit('Sign the approval');
  await git.raw(['checkout', '--quiet', 'main']);
  const pem = key.publicKeyPem.trimEnd().split('\n').map((l) => `          ${l}`).join('\n');
  await appendFile(path.join(root, 'evident.yaml'), `  signing:\n    required_from: 2026-01-01\n    keys:\n      - id: ${key.keyId}\n        not_before: 2025-01-01\n        public_key: |\n${pem}\n`);
  await git.add('evident.yaml');
  await git.commit('Require signed records');
  entries = await readZipEntries((await buildBundle({ root, outDir: dir, toolVersion: '0.1.0', now: () => new Date('2026-05-15T00:00:00Z') })).path);
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
});

describe('records whose signature check is a finding', () => {
  it('are listed with the finding', () => {
    const verification = JSON.parse(text('evidence-records/verification.json'));
    expect(verification.signatures).toMatchObject({ ok: false, counts: { valid: 1, 'unsigned-required': 1 } });
    expect(text('evidence-records/records/000002-policy-acknowledgment-fixture-program-2.json')).toContain('"policy-acknowledgment"');
    expect(text('records.html')).toContain('records/000002-policy-acknowledgment-fixture-program-2.json');
  });

  it('acknowledge nothing, while the signed approval still approves', () => {
    const acknowledgments = text('acknowledgments.csv').split('\r\n').filter(Boolean);
    expect(acknowledgments).toEqual(['person,github,policy,version,content_sha256,pr,approved_at,record']);
    expect(text('policies/access-control.html')).not.toContain('000002-policy-acknowledgment');
    expect(text('policies/access-control.html')).toContain('000001-policy-approval');
  });
});
