import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildBundle } from '@evident/bundle';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createFixtureRepository, type FixtureRepository } from '../../../bundle/src/test-support/fixture-repository.js';
import { readZipEntries } from '../../../bundle/src/test-support/read-zip-entries.js';
import { rewriteZip } from '../../../bundle/src/test-support/rewrite-zip.js';
import { attestWithStack, startLoopbackSigstore, type LoopbackSigstore } from '../../../sigstore/src/test-support/loopback-sigstore.js';
import { capture } from '../test-support/capture-run.js';

const RELEASE = { repository: 'acme/compliance', ref: 'refs/tags/v1.2.0', workflow: '.github/workflows/release.yml' };

let fixture: FixtureRepository;
let dir: string;
let zip: string;
let commit: string;
let stack: LoopbackSigstore;
let roots: string[];
let files: number;
let count = 0;

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

/** A copy of `from` under a new name, with an attestation beside it signed with the stack's current claims. */
async function attested(from: string): Promise<string> {
  const to = path.join(dir, `${(count += 1)}.zip`);
  await writeFile(to, await readFile(from));
  await writeFile(`${to}.sigstore.json`, JSON.stringify(await attestWithStack(stack, [{ name: path.basename(to), sha256: await sha256(to) }])));
  return to;
}

/** Run verify in text and in JSON. */
async function verify(file: string, ...args: string[]) {
  const text = await capture(['verify', file, ...args], { cwd: dir });
  const json = await capture(['verify', file, ...args, '--format', 'json'], { cwd: dir });
  return { text, json: { code: json.code, result: JSON.parse(json.stdout) } };
}

beforeAll(async () => {
  fixture = await createFixtureRepository();
  commit = (await fixture.git.revparse(['HEAD'])).trim();
  dir = await mkdtemp(path.join(os.tmpdir(), 'evident-verify-provenance-'));
  zip = (await buildBundle({ root: fixture.root, outDir: dir, release: 'v1.2.0', toolVersion: '0.1.0', now: () => new Date('2026-05-15T00:00:00Z') })).path;
  files = (await readZipEntries(zip)).size;
  stack = await startLoopbackSigstore({ ...RELEASE, sha: commit });
  await writeFile(path.join(dir, 'roots.jsonl'), `${JSON.stringify(stack.trustedRoot())}\n`);
  roots = ['--trusted-root', 'roots.jsonl'];
});

afterAll(async () => {
  await stack.close();
  await rm(fixture.root, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
});

describe('evident verify --repo on a bundle without an attestation', () => {
  it('fails: the auditor asked for provenance from that repository', async () => {
    const { text, json } = await verify(zip, '--repo', 'acme/compliance');
    const name = path.basename(zip);
    expect(text.code).toBe(1);
    expect(text.stdout).toBe(
      `FAILED provenance: ${files} files match manifest.json and SHA256SUMS; evidence chain intact (2 records), but the provenance check failed (below).\n` +
        `Built by Evident 0.1.0 from commit ${commit} for v1.2.0 (as stated by manifest.json).\n` +
        `Checked against the bundle's files: period 2026-01-01 to 2026-06-30 (as in the bundled evident.yaml, Type II); readiness 0% (0 of 36), its 36 not met being the 36 exceptions of exceptions.csv; 2 evidence files with the SHA-256 their metadata declares.\n` +
        `${json.result.history.summary}\n` +
        `Provenance FAILED: not attested (no ${name}.sigstore.json beside the bundle): expected an attestation signed by acme/compliance's release workflow (.github/workflows/release.yml at a tag), as --repo requires. Pass --attestation FILE when it is elsewhere.\n`,
    );
    expect(json.code).toBe(1);
    expect(json.result).toMatchObject({ ok: false, problems: [], provenance: { state: 'not-attested', ok: false, checked: false, required: true, summary: text.stdout.split('\n')[4] } });
    expect(json.result.history.summary).toMatch(/^History: recorded by the build as walked from the first record commit [0-9a-f]{40} to [0-9a-f]{40} \(1 commit\), intact; /);
  });

  it('says in its FAILED line that provenance failed too, when files are also wrong', async () => {
    const tampered = path.join(dir, 'tampered.zip');
    await rewriteZip(zip, tampered, (name, b) => (name === 'controls.csv' ? Buffer.concat([b, Buffer.from('x')]) : b));
    const { text, json } = await verify(tampered, '--repo', 'acme/compliance');
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^modified {3}controls\.csv {2}controls\.csv was modified: /);
    expect(text.stdout).toContain(`\n\nFAILED 1 problem in ${files} files, and the provenance check failed.\nProvenance FAILED: not attested (no tampered.zip.sigstore.json beside the bundle): expected an attestation signed by acme/compliance's release workflow`);
    expect(json.result).toMatchObject({ ok: false, problems: [{ file: 'controls.csv', problem: 'modified' }], provenance: { ok: false, required: true } });
  });

  it('still passes without --repo, reporting the bundle as not attested', async () => {
    const { text, json } = await verify(zip);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^OK \d+ files match manifest\.json and SHA256SUMS; evidence chain intact \(2 records\)\.\n/);
    // What anchors integrity without an attestation: not a SHA-256 anyone creating the release can write.
    expect(text.stdout).toContain(`Provenance: not attested (no ${path.basename(zip)}.sigstore.json beside the bundle): nothing ties this zip to the repository, and a SHA-256 on a release page is written by whoever creates the release.`);
    expect(text.stdout).not.toContain('Integrity rests on');
    expect(json.code).toBe(0);
    // A script reading `provenance.ok` does not take a missing attestation for a verified one.
    expect(json.result).toMatchObject({ ok: true, provenance: { state: 'not-attested', ok: false, checked: false, required: false } });
  });
});

describe('evident verify compares the attested source with the manifest', () => {
  it('passes the release workflow at the manifest’s tag and commit, naming the repository, tag and commit that signed', async () => {
    const file = await attested(zip);
    const { text, json } = await verify(file, ...roots);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`signed by https://github.com/acme/compliance/.github/workflows/release.yml@refs/tags/v1.2.0 (run https://github.com/acme/compliance/actions/runs/4242/attempts/1) (https://github.com/acme/compliance at refs/tags/v1.2.0, commit ${commit})`);
    expect(json.result).toMatchObject({ ok: true, provenance: { state: 'verified', commit, ref: 'refs/tags/v1.2.0', ok: true } });
  });

  it('fails an attestation made at another tag and commit than the manifest names', async () => {
    stack.claims = { ...RELEASE, ref: 'refs/tags/v9.9.9', sha: 'f'.repeat(40) };
    try {
      const file = await attested(zip);
      const { text, json } = await verify(file, '--repo', 'acme/compliance', ...roots);
      expect(text.code).toBe(1);
      const line = `Provenance FAILED: ${path.basename(file)}.sigstore.json was signed by https://github.com/acme/compliance/.github/workflows/release.yml@refs/tags/v9.9.9, for another source than the manifest names: it was signed at commit ${'f'.repeat(40)}, the manifest names commit ${commit}; it was signed at refs/tags/v9.9.9, the manifest names release v1.2.0 (refs/tags/v1.2.0).`;
      expect(text.stdout).toMatch(/^FAILED provenance: /);
      expect(text.stdout.endsWith(`${line}\n`)).toBe(true);
      expect(json.code).toBe(1);
      expect(json.result).toMatchObject({ ok: false, provenance: { state: 'source-differs', ok: false, commit: 'f'.repeat(40), ref: 'refs/tags/v9.9.9', summary: line } });
      // Without --repo too: the attestation vouches for another build.
      expect((await verify(file, ...roots)).text.code).toBe(1);
    } finally {
      stack.claims = { ...RELEASE, sha: commit };
    }
  });

  it('fails an attestation from another repository than the one the manifest records, without --repo', async () => {
    const entries = await readZipEntries(zip);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    manifest.github_cross_check = { api: 'https://api.github.com', repository: 'acme/compliance', checked_at: '2026-05-15T00:00:00Z', confirmed: 2, not_confirmed: [], not_checked: [], allowed_unconfirmed: false };
    const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    const sums = entries.get('SHA256SUMS')!.toString('utf8').replace(/^[0-9a-f]{64}(?=  manifest\.json$)/m, createHash('sha256').update(bytes).digest('hex'));
    const recorded = path.join(dir, 'recorded.zip');
    await rewriteZip(zip, recorded, (name, b) => (name === 'manifest.json' ? bytes : name === 'SHA256SUMS' ? Buffer.from(sums) : b));
    stack.claims = { ...RELEASE, repository: 'mallory/fork', sha: commit };
    try {
      const file = await attested(recorded);
      const { text, json } = await verify(file, ...roots);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain('for another source than the manifest names: it was signed in mallory/fork, the manifest names repository acme/compliance.\n');
      expect(json.result).toMatchObject({ ok: false, provenance: { state: 'source-differs', repository: 'https://github.com/mallory/fork' } });
    } finally {
      stack.claims = { ...RELEASE, sha: commit };
    }
  });
});
