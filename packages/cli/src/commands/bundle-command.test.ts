import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createFixtureRepository, type FixtureRepository } from '../../../bundle/src/test-support/fixture-repository.js';
import { readZipEntries } from '../../../bundle/src/test-support/read-zip-entries.js';
import { requireSignedRecords } from '../../../bundle/src/test-support/signed-fixture.js';
import { flipByte, rewriteZip } from '../../../bundle/src/test-support/rewrite-zip.js';
import { attestWithStack, startLoopbackSigstore } from '../../../sigstore/src/test-support/loopback-sigstore.js';
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
    expect(verified.stdout).toMatch(/^OK \d+ files match manifest\.json and SHA256SUMS; evidence chain intact \(2 records\)\.\nBuilt by Evident 0\.1\.0 from commit [0-9a-f]{40} for v1\.2\.0 \(as stated by manifest\.json\)\.\nChecked against the bundle's files: period 2026-01-01 to 2026-06-30 \(as in the bundled evident\.yaml, Type II\); [^\n]*\nHistory: recorded by the build as walked from the first record commit [0-9a-f]{40} to [0-9a-f]{40} \(1 commit\), intact; [^\n]*\nProvenance: not attested \(no evident-bundle-v1\.2\.0\.zip\.sigstore\.json beside the bundle\): /);
  });

  it('verifies a release attestation offline: its digest, its signature against a trusted root, and the release workflow at a tag', async () => {
    const zip = path.join(fixture.root, 'out', 'evident-bundle-v1.2.0.zip');
    const digest = (await import('node:crypto')).createHash('sha256').update(await readFile(zip)).digest('hex');
    // The release workflow ran at the tag, on the commit the bundle was built from.
    const commit = (await fixture.git.revparse(['HEAD'])).trim();
    const stack = await startLoopbackSigstore({ repository: 'acme/compliance', ref: 'refs/tags/v1.2.0', workflow: '.github/workflows/release.yml', sha: commit });
    const subject = (sha256: string) => [{ name: 'evident-bundle-v1.2.0.zip', sha256 }];
    try {
      await writeFile(path.join(fixture.root, 'github-trusted-root.jsonl'), `${JSON.stringify(stack.trustedRoot())}\n`);
      await writeFile(`${zip}.sigstore.json`, JSON.stringify(await attestWithStack(stack, subject(digest))));
      const roots = ['--trusted-root', 'github-trusted-root.jsonl'];
      const matched = await capture(['verify', 'out/evident-bundle-v1.2.0.zip', '--repo', 'acme/compliance', ...roots, '--format', 'json'], { cwd: fixture.root });
      expect(matched.code).toBe(0);
      expect(JSON.parse(matched.stdout)).toMatchObject({ ok: true, provenance: { state: 'verified', predicateType: 'https://slsa.dev/provenance/v1', signer: 'https://github.com/acme/compliance/.github/workflows/release.yml@refs/tags/v1.2.0', repository_checked: true, trusted_root: 'github-trusted-root.jsonl' } });
      const text = await capture(['verify', 'out/evident-bundle-v1.2.0.zip', ...roots], { cwd: fixture.root });
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('signed by https://github.com/acme/compliance/.github/workflows/release.yml@refs/tags/v1.2.0 (run https://github.com/acme/compliance/actions/runs/4242/attempts/1)');
      expect(text.stdout).toContain('pass --repo OWNER/NAME');

      // Another repository's release workflow, the shipped root alone, and an attestation of another zip all fail.
      const fork = await capture(['verify', 'out/evident-bundle-v1.2.0.zip', '--repo', 'acme/other', ...roots], { cwd: fixture.root });
      expect(fork.code).toBe(1);
      expect(fork.stdout).toContain('Provenance FAILED: evident-bundle-v1.2.0.zip.sigstore.json was signed by https://github.com/acme/compliance/.github/workflows/release.yml@refs/tags/v1.2.0, expected acme/other .github/workflows/release.yml at refs/tags/*');
      const otherWorkflow = await capture(['verify', 'out/evident-bundle-v1.2.0.zip', '--repo', 'acme/compliance', '--release-workflow', '.github/workflows/publish.yml', ...roots], { cwd: fixture.root });
      expect(otherWorkflow.code).toBe(1);
      expect(otherWorkflow.stdout).toContain('expected acme/compliance .github/workflows/publish.yml at refs/tags/*');
      const badWorkflow = await capture(['verify', 'out/evident-bundle-v1.2.0.zip', '--release-workflow', 'release.yml'], { cwd: fixture.root });
      expect(badWorkflow.code).toBe(2);
      expect(badWorkflow.stderr).toContain('Unexpected --release-workflow `release.yml`, expected .github/workflows/NAME.yml');
      const untrusted = await capture(['verify', 'out/evident-bundle-v1.2.0.zip', '--repo', 'acme/compliance'], { cwd: fixture.root });
      expect(untrusted.code).toBe(1);
      expect(untrusted.stdout).toContain('is not vouched for by a trusted root');
      await writeFile(path.join(fixture.root, 'other.sigstore.json'), JSON.stringify(await attestWithStack(stack, subject('0'.repeat(64)))));
      const other = await capture(['verify', 'out/evident-bundle-v1.2.0.zip', '--attestation', 'other.sigstore.json', ...roots], { cwd: fixture.root });
      expect(other.code).toBe(1);
      expect(other.stdout).toContain(`Provenance FAILED: other.sigstore.json attests ${'0'.repeat(64)}, not this zip.`);
      const missing = await capture(['verify', 'out/evident-bundle-v1.2.0.zip', '--attestation', 'missing.sigstore.json'], { cwd: fixture.root });
      expect(missing.code).toBe(2);
      await writeFile(path.join(fixture.root, 'bad-root.jsonl'), '{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1"}\n');
      const badRoot = await capture(['verify', 'out/evident-bundle-v1.2.0.zip', '--trusted-root', 'bad-root.jsonl'], { cwd: fixture.root });
      expect(badRoot.code).toBe(2);
      expectNoStackTrace(badRoot);
      expect(badRoot.stderr).toContain('bad-root.jsonl: the trusted root lists no certificate authority');
    } finally {
      await rm(`${zip}.sigstore.json`, { force: true });
      await stack.close();
    }
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
    expect(text.stdout).toMatch(/FAILED 1 problem in \d+ files\.\nProvenance: not attested \(no tampered\.zip\.sigstore\.json beside the bundle\): [^\n]*\n$/);
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

describe('evident bundle and starter placeholders', () => {
  it('refuses a program that still holds starter placeholders, listing each at file:line, and writes nothing', async () => {
    const fresh = await createFixtureRepository();
    try {
      await mkdir(path.join(fresh.root, '.github'), { recursive: true });
      await writeFile(path.join(fresh.root, '.github/CODEOWNERS'), '# Owners\n*  @example-cloud/security\n');
      const config = await readFile(path.join(fresh.root, 'evident.yaml'), 'utf8');
      await writeFile(path.join(fresh.root, 'evident.yaml'), config.replace('name: Fixture & Co', 'name: Example Cloud, Inc.  # REPLACE: your legal entity name'));
      const refused = await capture(['bundle'], { cwd: fresh.root });
      expectNoStackTrace(refused);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toContain('  .github/CODEOWNERS:2:4 warning Unexpected example code owner `@example-cloud/security`, expected a team or person of your GitHub organisation [content/placeholder]\n');
      expect(refused.stderr).toContain("  evident.yaml:2:9 warning Unexpected example organisation `Example Cloud`, expected your organisation's name [content/placeholder]\n");
      expect(refused.stderr).toContain('error No bundle was written. Unexpected 2 starter placeholders (`content/placeholder`)');
      expect(refused.stderr).toContain('--allow-placeholders');
      expect(await readdir(path.join(fresh.root, 'out')).catch(() => [])).toEqual([]);

      const allowed = await capture(['bundle', '--allow-placeholders', '--format', 'json'], { cwd: fresh.root });
      expect(allowed.code).toBe(0);
      const summary = JSON.parse(allowed.stdout);
      expect(summary.placeholders).toEqual({ allowed: true, count: 2 });
      const entries = await readZipEntries(summary.path);
      expect(JSON.parse(entries.get('manifest.json')!.toString('utf8')).placeholders).toEqual({ allowed: true, count: 2 });
      expect(entries.get('index.html')!.toString('utf8')).toContain('<p class="banner" id="placeholders" role="alert"><strong>Built with 2 starter placeholders.</strong>');
      const text = await capture(['bundle', '--allow-placeholders', '--out', 'text-out'], { cwd: fresh.root });
      expect(text.stdout).toContain('Placeholders 2 allowed with --allow-placeholders (recorded in manifest.json and index.html)\n');
    } finally {
      await rm(fresh.root, { recursive: true, force: true });
    }
  });

  it('says there are no records, and calls no chain intact, without an evidence branch', async () => {
    const copy = await mkdtemp(path.join(os.tmpdir(), 'evident-no-branch-'));
    try {
      await cp(fixture.root, copy, { recursive: true });
      execFileSync('git', ['-C', copy, 'branch', '-D', 'evidence'], { stdio: 'ignore' });
      const run = await capture(['bundle', '--out', 'no-branch-out'], { cwd: copy });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/\nRecords {5}0\nHistory {5}no evidence branch/);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('records that none were found, and shows no banner, in a program without any', async () => {
    const run = JSON.parse((await capture(['bundle', '--format', 'json', '--out', 'clean-out'], { cwd: fixture.root })).stdout);
    const entries = await readZipEntries(run.path);
    expect(JSON.parse(entries.get('manifest.json')!.toString('utf8')).placeholders).toEqual({ allowed: false, count: 0 });
    expect(entries.get('index.html')!.toString('utf8')).not.toContain('id="placeholders"');
  });
});

describe('one readiness figure for evident status and the bundle', () => {
  it('gives the same figure in status JSON, the bundle summary, manifest.json and index.html for the same records and date', async () => {
    const records = path.join(await mkdtemp(path.join(os.tmpdir(), 'evident-records-')), 'evidence');
    try {
      await fixture.git.raw(['worktree', 'add', '--quiet', records, 'evidence']);
      const status = await capture(['status', '--records', records, '--now', '2026-03-01', '--format', 'json'], { cwd: fixture.root });
      const figure = JSON.parse(status.stdout).readiness;
      expect(figure).toMatchObject({ met: expect.any(Number), total: expect.any(Number) });
      const bundle = JSON.parse((await capture(['bundle', '--now', '2026-03-01', '--format', 'json', '--out', 'figure-out'], { cwd: fixture.root })).stdout);
      expect(bundle.readiness).toEqual(figure);
      const entries = await readZipEntries(bundle.path);
      expect(JSON.parse(entries.get('manifest.json')!.toString('utf8')).readiness).toEqual(figure);
      const label = figure.percent === null ? 'nothing due yet' : `${figure.percent}%`;
      expect(entries.get('index.html')!.toString('utf8')).toContain(`<div class="n" id="readiness-figure">${label}</div>readiness (${figure.met} of ${figure.total})`);
      expect(JSON.parse(status.stdout).exceptions.length).toBe(bundle.exceptions);
    } finally {
      await fixture.git.raw(['worktree', 'remove', '--force', records]);
      await rm(path.dirname(records), { recursive: true, force: true });
    }
  });
});

describe('evident bundle: what it refuses and what it reports', () => {
  it('names --out when a file is in the way of the output folder, writing nothing', async () => {
    await writeFile(path.join(fixture.root, 'taken'), 'a file\n');
    for (const out of ['taken', 'taken/deeper']) {
      const run = await capture(['bundle', '--out', out], { cwd: fixture.root });
      expectNoStackTrace(run);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`Unexpected --out \`${out}\`: a file is in the way, expected a folder to write the zip into`);
    }
  });

  it('exits 1 and names each record that fails its signature check, in text and JSON', async () => {
    const fresh = await createFixtureRepository();
    try {
      const { generateSigningKey } = await import('@evident/core');
      await requireSignedRecords(fresh, generateSigningKey());
      const text = await capture(['bundle', '--out', 'signed-out'], { cwd: fresh.root });
      expect(text.code).toBe(1);
      expect(text.stdout).toContain('Records     2, chain intact, 2 signature findings: counted for nothing\n');
      expect(text.stdout).toMatch(/\n {2}unsigned-required records\/000001-policy-approval-fixture-program-1\.json .+\n/);
      const json = await capture(['bundle', '--out', 'signed-out', '--format', 'json'], { cwd: fresh.root });
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout).chain.signature_findings.map((f: { status: string }) => f.status)).toEqual(['unsigned-required', 'unsigned-required']);
    } finally {
      await rm(fresh.root, { recursive: true, force: true });
    }
  });
});
