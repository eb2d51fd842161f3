import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBundle, type BuiltBundle } from './build-bundle.js';
import type { Manifest } from './plan/bundle-plan.js';
import { parseSums } from './plan/manifest.js';
import { createFixtureRepository, type FixtureRepository } from './test-support/fixture-repository.js';
import { readZipEntries } from './test-support/read-zip-entries.js';

const now = () => new Date('2026-05-15T00:00:00Z');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
let fixture: FixtureRepository;
let out: string;
let built: BuiltBundle;
let entries: Map<string, Buffer>;
const text = (name: string) => entries.get(name)?.toString('utf8') ?? '';

/** The bundle's files written out under `folder`, as an auditor's unzip would. */
async function unzipTo(folder: string): Promise<string> {
  for (const [name, bytes] of entries) {
    const file = path.join(folder, name);
    if (!file.startsWith(folder + path.sep)) throw new Error(`Unexpected entry ${name} outside the folder`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
  }
  return folder;
}

beforeAll(async () => {
  fixture = await createFixtureRepository();
  out = await mkdtemp(path.join(os.tmpdir(), 'evident-bundle-out-'));
  built = await buildBundle({ root: fixture.root, outDir: path.join(out, 'a'), toolVersion: '0.1.0', now, release: 'v1.0.0' });
  entries = await readZipEntries(built.path);
});

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe('buildBundle', () => {
  it('writes one zip named after the release and reports its SHA-256', async () => {
    expect(path.basename(built.path)).toBe('evident-bundle-v1.0.0.zip');
    expect(built.sha256).toBe(sha256(await readFile(built.path)));
  });

  it('gives byte-identical zips for the same commit and inputs', async () => {
    const again = await buildBundle({ root: fixture.root, outDir: path.join(out, 'b'), toolVersion: '0.1.0', now, release: 'v1.0.0' });
    expect(again.sha256).toBe(built.sha256);
    expect(Buffer.compare(await readFile(again.path), await readFile(built.path))).toBe(0);
  });

  it('leaves no temporary file beside the zip', async () => {
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(path.join(out, 'a'))).toEqual(['evident-bundle-v1.0.0.zip']);
  });

  it('holds the portal, policies, CSV files, records, evidence and integrity files', () => {
    expect([...entries.keys()]).toEqual(
      expect.arrayContaining([
        'index.html',
        'README.txt',
        'criteria/CC6.1.html',
        'controls/AC-01.html',
        'controls/AC-01.md',
        'policies/access-control.html',
        'policies/access-control.md',
        'controls.csv',
        'criteria-matrix.csv',
        'policies.csv',
        'acknowledgments.csv',
        'policy-history.csv',
        'exceptions.csv',
        'evidence-index.csv',
        'evidence.html',
        'evidence/AC-01/2026-Q1/access-review.csv',
        'evidence/AC-01/2026-Q1/access-review.csv.evidence.yaml',
        'evidence/AC-01/2026-Q2/screenshot.png',
        'evidence-records/records/000001-policy-approval-fixture-program-1.json',
        'evidence-records/records/000002-policy-acknowledgment-fixture-program-2.json',
        'evidence-records/verification.json',
        'evident.yaml',
        'manifest.json',
        'SHA256SUMS',
      ]),
    );
  });

  it('writes evidence files first, then generated files, each in path order, then manifest.json and SHA256SUMS', () => {
    const names = [...entries.keys()];
    expect(names.slice(-2)).toEqual(['manifest.json', 'SHA256SUMS']);
    const evidenceFiles = ['evidence/AC-01/2026-Q1/access-review.csv', 'evidence/AC-01/2026-Q2/screenshot.png'];
    expect(names.slice(0, 2)).toEqual(evidenceFiles);
    const generated = names.slice(2, -2);
    expect(generated).toEqual([...generated].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('includes evidence whose covered period overlaps the audit period and lists the rest', () => {
    expect(entries.has('evidence/AC-01/2025-Q4/access-review.csv')).toBe(false);
    const index = text('evidence-index.csv');
    expect(index).toContain('evidence/AC-01/2025-Q4/access-review.csv,no,outside the audit period,');
    expect(index).toContain('evidence/AC-01/2026-Q2/screenshot.png,yes,,evidence/AC-01/2026-Q2/screenshot.png,AC-01,2026-Q2,2026-04-01,2026-06-30,');
  });

  it('escapes CSV fields and neutralises spreadsheet formulas', () => {
    expect(text('evidence-index.csv')).toContain(`"'=HYPERLINK(""https://example.com""), exported by IT"`);
    expect(text('evidence-index.csv').endsWith('\r\n')).toBe(true);
  });

  it('copies each policy byte for byte, with the content hash approvals bind to', async () => {
    const original = await readFile(path.join(fixture.root, 'policies/access-control.md'));
    expect(Buffer.compare(entries.get('policies/access-control.md')!, original)).toBe(0);
    expect(text('policies.csv')).toContain(`access-control,Access Control Policy,1.0,approved,alice-admin,2026-01-01,${fixture.accessControlSha256},yes,1,`);
    expect(text('policies.csv')).toMatch(/\r\nsecurity,Information Security Policy,1\.0,approved,alice-admin,2026-01-01,[0-9a-f]{64},no,/);
  });

  it('shows approval, acknowledgments and change history on the policy page', () => {
    const page = text('policies/access-control.html');
    expect(page).toContain('<section id="approval">');
    expect(page).toContain('pull request #1</a>');
    expect(page).toContain(fixture.accessControlSha256);
    expect(page).toContain('Add the compliance program (#1)');
    expect(page).toContain('Ask Alice Admin for help.');
  });

  it('lists acknowledgments, policy changes with approvals, and exceptions with management responses', () => {
    expect(text('acknowledgments.csv').split('\r\n')[0]).toBe('person,github,policy,version,content_sha256,pr,approved_at,record');
    expect(text('acknowledgments.csv')).toContain(`alice-admin,alice-gh,access-control,1.0,${fixture.accessControlSha256},2,2026-03-01T09:00:00Z,records/000002-policy-acknowledgment-fixture-program-2.json`);
    expect(text('policy-history.csv')).toMatch(/\r\n[0-9a-f]{40},2026-03-01T10:00:00\+00:00,Fixture Author,author@example\.com,Add the compliance program \(#1\),1,A:policies\/access-control\.md A:policies\/security\.md,bob-builder,records\/000001-policy-approval-fixture-program-1\.json\r\n/);
    const exceptions = text('exceptions.csv');
    expect(exceptions).toContain('missing-approval:security,missing-approval,security,alice-admin,');
    expect(exceptions).toContain('uncovered-criterion:CC1.2,uncovered-criterion,CC1.2,alice-admin,No control maps criterion CC1.2 (Board independence and oversight).,The board charter is being written and will be adopted in Q3.,2026-09-30,exceptions/uncovered-criterion_CC1.2.yaml,evident.yaml');
    expect(exceptions).not.toContain('missing-approval:access-control');
    const listed = exceptions.split('\r\n').filter(Boolean).length - 1;
    expect(text('index.html')).toContain(`<a href="exceptions.html">${listed} exceptions</a> found by Evident (1 with a management response)`);
  });

  it('states in the manifest the tool, source commit, configuration hash, period and every file', async () => {
    const manifest = JSON.parse(text('manifest.json')) as Manifest;
    const head = (await fixture.git.revparse(['HEAD'])).trim();
    expect(manifest).toMatchObject({
      format: 'evident-bundle/1',
      tool: { name: 'evident', version: '0.1.0' },
      release: 'v1.0.0',
      source: { commit: head, committed_at: '2026-03-01T10:00:00+00:00', dirty: false },
      config: { path: 'evident.yaml', sha256: sha256(await readFile(path.join(fixture.root, 'evident.yaml'))) },
      period: { start: '2026-01-01', end: '2026-06-30' },
      assessed_on: '2026-03-01',
      evidence_chain: { records: 2, problems: 0 },
      evidence: { included: 2, listed_not_included: 1 },
    });
    const listed = manifest.files.map((f) => f.path);
    expect(listed).toEqual([...entries.keys()].filter((n) => n !== 'manifest.json' && n !== 'SHA256SUMS').sort((a, b) => (a < b ? -1 : 1)));
    for (const file of manifest.files) {
      expect({ path: file.path, sha256: sha256(entries.get(file.path)!), size: entries.get(file.path)!.length }).toEqual(file);
    }
  });

  it('writes SHA256SUMS that coreutils `sha256sum -c` accepts in the unzipped bundle, for every file but itself', async () => {
    const folder = await unzipTo(path.join(out, 'unzipped'));
    const checked = spawnSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: folder, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', LC_ALL: 'C' } });
    if (checked.error) throw new Error(`sha256sum (coreutils) could not run: ${checked.error.message}`);
    expect({ status: checked.status, stderr: checked.stderr }).toEqual({ status: 0, stderr: '' });
    const ok = checked.stdout.trim().split('\n');
    expect(ok.every((line) => line.endsWith(': OK'))).toBe(true);
    expect(ok.map((line) => line.slice(0, -': OK'.length)).sort()).toEqual([...entries.keys()].filter((n) => n !== 'SHA256SUMS').sort());
  });

  it('writes SHA256SUMS that `sha256sum -c` rejects once a file is changed or removed, naming it', async () => {
    const folder = await unzipTo(path.join(out, 'tampered'));
    await writeFile(path.join(folder, 'controls.csv'), text('controls.csv') + 'AC-99,forged\r\n');
    await rm(path.join(folder, 'index.html'));
    const checked = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: folder, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', LC_ALL: 'C' } });
    if (checked.error) throw new Error(`sha256sum (coreutils) could not run: ${checked.error.message}`);
    expect(checked.status).toBe(1);
    const failed = checked.stdout.split('\n').filter((line) => !line.endsWith(': OK') && line !== '');
    expect(failed.sort()).toEqual(['controls.csv: FAILED', 'index.html: FAILED open or read']);
  });

  it('writes SHA256SUMS in the format `sha256sum -c` reads, for every file but itself', () => {
    const { sums, invalid } = parseSums(text('SHA256SUMS'));
    expect(invalid).toEqual([]);
    expect([...sums.keys()].sort()).toEqual([...entries.keys()].filter((n) => n !== 'SHA256SUMS').sort());
    for (const [name, digest] of sums) expect(digest).toBe(sha256(entries.get(name)!));
    expect(text('SHA256SUMS')).toMatch(/^[0-9a-f]{64} {2}README\.txt\n/);
  });

  it('records the chain verification result of the evidence records it copies', () => {
    expect(JSON.parse(text('evidence-records/verification.json'))).toMatchObject({ records: 2, intact: true, problems: [] });
  });

  it('shows the licensed criterion text only when the organisation provides it', async () => {
    expect(text('criteria/CC6.1.html')).not.toContain('Criterion text');
    const licensed = path.join(fixture.root, 'frameworks/soc2/criteria-text.local.yaml');
    await writeFile(licensed, 'CC6.1: |\n  The entity implements logical access <licensed> text.\n');
    try {
      const withText = await buildBundle({ root: fixture.root, outDir: path.join(out, 'licensed'), toolVersion: '0.1.0', now, release: 'v1.0.0' });
      const page = (await readZipEntries(withText.path)).get('criteria/CC6.1.html')!.toString('utf8');
      expect(page).toContain('<h2>Criterion text</h2>');
      expect(page).toContain('The entity implements logical access &lt;licensed&gt; text.');
      expect((await readZipEntries(withText.path)).get('criteria/CC1.1.html')!.toString('utf8')).not.toContain('Criterion text');
    } finally {
      await rm(licensed);
    }
  });
});
