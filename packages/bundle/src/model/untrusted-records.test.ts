/**
 * With signed records required, a record whose signature check is a finding (here: unsigned, recorded
 * after `required_from`) is listed in the bundle with its finding, but approves, acknowledges and meets
 * nothing: the acknowledgments it claims are not in acknowledgments.csv nor on the policy page.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateSigningKey } from '@evident/core';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBundle } from '../build-bundle.js';
import { createFixtureRepository, type FixtureRepository } from '../test-support/fixture-repository.js';
import { readZipEntries } from '../test-support/read-zip-entries.js';
import { requireSignedRecords, signEvidenceRecords } from '../test-support/signed-fixture.js';

const key = generateSigningKey();
let fixture: FixtureRepository;
let dir: string;
let entries: Map<string, Buffer>;
const text = (name: string) => entries.get(name)?.toString('utf8') ?? '';

beforeAll(async () => {
  fixture = await createFixtureRepository();
  dir = await mkdtemp(path.join(os.tmpdir(), 'evident-untrusted-records-'));
  // The approval is signed; the acknowledgment after it is not.
  await signEvidenceRecords(fixture, key, (index) => index === 0);
  await requireSignedRecords(fixture, key);
  entries = await readZipEntries((await buildBundle({ root: fixture.root, outDir: dir, toolVersion: '0.1.0', now: () => new Date('2026-05-15T00:00:00Z') })).path);
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
