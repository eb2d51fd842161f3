import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBundle } from '../build-bundle.js';
import type { Manifest } from '../plan/bundle-plan.js';
import { createFixtureRepository, type FixtureRepository } from '../test-support/fixture-repository.js';
import { readZipEntries } from '../test-support/read-zip-entries.js';
import { flipByte, rewriteZip } from '../test-support/rewrite-zip.js';
import { BundleOpenError, verifyBundle } from './verify-bundle.js';

let fixture: FixtureRepository;
let dir: string;
let bundle: string;
let count = 0;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const tampered = async (edit?: Parameters<typeof rewriteZip>[2], extra?: Parameters<typeof rewriteZip>[3]) => {
  const to = path.join(dir, `tampered-${(count += 1)}.zip`);
  await rewriteZip(bundle, to, edit, extra);
  return verifyBundle(to);
};
const flipping = (target: string) => tampered((name, bytes) => (name === target ? flipByte(bytes) : bytes));

beforeAll(async () => {
  fixture = await createFixtureRepository();
  dir = await mkdtemp(path.join(os.tmpdir(), 'evident-verify-'));
  bundle = (await buildBundle({ root: fixture.root, outDir: dir, toolVersion: '0.1.0', now: () => new Date('2026-05-15T00:00:00Z') })).path;
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
});

describe('verifyBundle', () => {
  it('accepts an untouched bundle', async () => {
    const result = await verifyBundle(bundle);
    expect(result).toMatchObject({ ok: true, problems: [], chain: { records: 2, problems: 0 } });
    expect(result.files).toBe((await readZipEntries(bundle)).size);
    expect(result.manifest).toMatchObject({ format: 'evident-bundle/1', period: { start: '2026-01-01', end: '2026-06-30' } });
  });

  it('accepts the same content written again by another zip writer', async () => {
    expect(await tampered()).toMatchObject({ ok: true, problems: [] });
  });

  it.each([
    ['a portal page', 'index.html'],
    ['a policy page', 'policies/access-control.html'],
    ['a CSV file', 'controls.csv'],
    ['an original policy', 'policies/access-control.md'],
    ['a text evidence file', 'evidence/AC-01/2026-Q1/access-review.csv'],
    ['a binary evidence file', 'evidence/AC-01/2026-Q2/screenshot.png'],
    ['evidence metadata', 'evidence/AC-01/2026-Q1/access-review.csv.evidence.yaml'],
  ])('names %s with one byte changed', async (_kind, file) => {
    const result = await flipping(file);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ file, problem: 'modified', message: expect.stringContaining(`${file} was modified`) }]);
  });

  it('names an evidence record with one byte changed, and the broken chain', async () => {
    const file = 'evidence-records/records/000002-policy-acknowledgment-fixture-program-2.json';
    const result = await tampered((name, bytes) => (name === file ? Buffer.from(bytes.toString('utf8').replace('"alice-admin"', '"alice-admix"')) : bytes));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      { file, problem: 'chain', message: expect.stringContaining('was modified') },
      { file, problem: 'modified', message: expect.stringContaining(`${file} was modified`) },
    ]);
  });

  it('names manifest.json when it was changed, against SHA256SUMS', async () => {
    // A byte of a SHA-256 it states, wherever the middle of the file falls as the bundle grows.
    const result = await tampered((name, bytes) => (name === 'manifest.json' ? flipByte(bytes, bytes.indexOf('"sha256": "') + 11) : bytes));
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.file)).toContain('manifest.json');
    expect(result.problems.every((p) => p.file === 'manifest.json')).toBe(true);
  });

  it('names SHA256SUMS when one of its lines was changed', async () => {
    const result = await tampered((name, bytes) => (name === 'SHA256SUMS' ? Buffer.from(bytes.toString().replace(/^(.)/, (c) => (c === '0' ? '1' : '0'))) : bytes));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ file: 'SHA256SUMS', problem: 'modified', message: expect.stringContaining('README.txt') }]);
  });

  it('names missing and extra files', async () => {
    const result = await tampered((name, bytes) => (name === 'controls.csv' ? null : bytes), [['notes/added-later.txt', Buffer.from('hello')]]);
    expect(result.problems).toEqual([
      { file: 'controls.csv', problem: 'missing', message: 'controls.csv is listed in manifest.json and SHA256SUMS but missing from the bundle' },
      { file: 'notes/added-later.txt', problem: 'extra', message: 'notes/added-later.txt is in the bundle but not listed in manifest.json and SHA256SUMS' },
    ]);
  });

  it('detects a record removed even when manifest.json and SHA256SUMS were rewritten to match', async () => {
    const removed = 'evidence-records/records/000001-policy-approval-fixture-program-1.json';
    const entries = await readZipEntries(bundle);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString()) as Manifest;
    manifest.files = manifest.files.filter((f) => f.path !== removed);
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    const sums = entries.get('SHA256SUMS')!.toString().split('\n').filter((line) => line !== '' && !line.endsWith(removed)).map((line) => (line.endsWith('  manifest.json') ? `${sha256(manifestBytes)}  manifest.json` : line));
    const result = await tampered((name, bytes) => (name === removed ? null : name === 'manifest.json' ? manifestBytes : name === 'SHA256SUMS' ? Buffer.from(`${sums.join('\n')}\n`) : bytes));
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.file, p.problem])).toEqual(
      expect.arrayContaining([['evidence-records/records/000002-policy-acknowledgment-fixture-program-2.json', 'chain']]),
    );
  });

  it('detects bytes changed inside the zip itself, without rezipping', async () => {
    const raw = await readFile(bundle);
    const target = Buffer.from('evidence/AC-01/2026-Q2/screenshot.png');
    const header = raw.indexOf(target);
    const at = header + target.length + 1000;
    const to = path.join(dir, 'raw-flip.zip');
    await writeFile(to, flipByte(raw, at));
    const result = await verifyBundle(to);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.file)).toEqual(['evidence/AC-01/2026-Q2/screenshot.png']);
  });

  it('refuses a file that is not a zip', async () => {
    const to = path.join(dir, 'not-a-zip.zip');
    await writeFile(to, 'hello');
    await expect(verifyBundle(to)).rejects.toBeInstanceOf(BundleOpenError);
  });
});
