import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createFixtureRepository, type FixtureRepository } from '../../../bundle/src/test-support/fixture-repository.js';
import { flipByte, rewriteZip } from '../../../bundle/src/test-support/rewrite-zip.js';
import { capture, expectNoStackTrace } from '../test-support/capture-run.js';

let fixture: FixtureRepository;
beforeAll(async () => {
  fixture = await createFixtureRepository();
});
afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
});

describe('evident bundle and evident verify', () => {
  it('writes the bundle under out/, prints its path and SHA-256, and verify accepts it', async () => {
    const run = await capture(['bundle', '--release', 'v1.2.0'], { cwd: fixture.root });
    expectNoStackTrace(run);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Bundle {6}out\/evident-bundle-v1\.2\.0\.zip\nSHA-256 {5}[0-9a-f]{64}\n/);
    expect(run.stdout).toContain('Period      2026-01-01 to 2026-06-30, gaps assessed as of 2026-03-01\n');
    expect(run.stdout).toContain('Records     2, chain intact\n');
    expect(run.stderr).toMatch(/^Bundling \d+ files, 2 of them evidence/);

    const verified = await capture(['verify', 'out/evident-bundle-v1.2.0.zip'], { cwd: fixture.root });
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^OK \d+ files match manifest\.json and SHA256SUMS; evidence chain intact \(2 records\)\.\nBuilt by Evident 0\.1\.0 from commit [0-9a-f]{40} for v1\.2\.0, period 2026-01-01 to 2026-06-30\.\n$/);
  });

  it('reports JSON, honours --period and --now, and gives the same SHA-256 for the same inputs', async () => {
    const args = ['bundle', '--format', 'json', '--out', 'json-out', '--period', '2026-Q2', '--now', '2026-06-30'];
    const first = JSON.parse((await capture(args, { cwd: fixture.root })).stdout);
    const second = JSON.parse((await capture(args, { cwd: fixture.root })).stdout);
    expect(first).toMatchObject({ period: { start: '2026-04-01', end: '2026-06-30' }, assessed_on: '2026-06-30', evidence: { included: 1, listed_not_included: 2 }, chain: { records: 2, problems: [] } });
    expect(second.sha256).toBe(first.sha256);
    expect(first.sha256).toBe((await import('node:crypto')).createHash('sha256').update(await readFile(first.path)).digest('hex'));
  });

  it('names a changed file and exits 1', async () => {
    const zip = path.join(fixture.root, 'out', 'evident-bundle-v1.2.0.zip');
    const tampered = path.join(fixture.root, 'out', 'tampered.zip');
    await rewriteZip(zip, tampered, (name, bytes) => (name === 'controls.csv' ? flipByte(bytes) : bytes));
    const run = await capture(['verify', tampered, '--format', 'json'], { cwd: fixture.root });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, problems: [{ file: 'controls.csv', problem: 'modified' }] });
    const text = await capture(['verify', tampered], { cwd: fixture.root });
    expect(text.stdout).toMatch(/^modified {3}controls\.csv {2}controls\.csv was modified/);
    expect(text.stdout).toMatch(/FAILED 1 problem in \d+ files\.\n$/);
  });

  it('refuses a bad period and a file that is not a bundle with one clear line', async () => {
    const period = await capture(['bundle', '--period', 'someday'], { cwd: fixture.root });
    expect(period.code).toBe(2);
    expect(period.stderr).toContain('Unexpected --period `someday`');
    await writeFile(path.join(fixture.root, 'not-a-zip.zip'), 'hello');
    const notZip = await capture(['verify', 'not-a-zip.zip'], { cwd: fixture.root });
    expect(notZip.code).toBe(2);
    expectNoStackTrace(notZip);
    expect(notZip.stderr).toContain('as a zip');
  });
});

describe('evident bundle in a repository that does not ignore its output folder', () => {
  it('still calls the tree clean: the bundles it wrote are not changes', async () => {
    const fresh = await createFixtureRepository();
    try {
      const run = JSON.parse((await capture(['bundle', '--format', 'json'], { cwd: fresh.root })).stdout);
      const again = JSON.parse((await capture(['bundle', '--format', 'json'], { cwd: fresh.root })).stdout);
      expect(again.sha256).toBe(run.sha256);
      const verified = JSON.parse((await capture(['verify', run.path, '--format', 'json'], { cwd: fresh.root })).stdout);
      expect(verified.manifest.source.dirty).toBe(false);
    } finally {
      await rm(fresh.root, { recursive: true, force: true });
    }
  });
});
