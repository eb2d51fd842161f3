import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { recordFileName, signatureFileName, signedBytes, type EvidenceRecord } from '@evident/core';
import { createKeylessSigner, githubActionsTokenProvider } from '@evident/sigstore';
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createFixtureRepository, type FixtureRepository } from '../../../bundle/src/test-support/fixture-repository.js';
import { readZipEntries } from '../../../bundle/src/test-support/read-zip-entries.js';
import { startLoopbackSigstore, type LoopbackSigstore } from '../../../sigstore/src/test-support/loopback-sigstore.js';
import { capture, expectNoStackTrace } from '../test-support/capture-run.js';

const EVIDENCE_WORKFLOW = { repository: 'acme/program', ref: 'refs/heads/main', workflow: '.github/workflows/evidence.yml' };

/**
 * A program whose evidence records are signed keyless through a loopback Sigstore (GitHub-like: no
 * public log): the bundle states each verdict, and `evident verify` re-checks them offline.
 */
describe('evident bundle and evident verify with keyless record signatures', () => {
  let fixture: FixtureRepository;
  let stack: LoopbackSigstore;
  let zip: string;
  const roots = ['--trusted-root', 'github-root.json'];

  beforeAll(async () => {
    fixture = await createFixtureRepository();
    stack = await startLoopbackSigstore({ ...EVIDENCE_WORKFLOW });
    const { git, root } = fixture;
    await git.raw(['checkout', '--quiet', 'evidence']);
    const files = (await git.raw(['ls-files', 'records'])).trim().split('\n');
    const records = await Promise.all(files.map(async (file) => JSON.parse(await readFile(path.join(root, file), 'utf8')) as EvidenceRecord));
    const identity = githubActionsTokenProvider({ ACTIONS_ID_TOKEN_REQUEST_URL: stack.oidc.url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: stack.oidc.token }, () => undefined);
    for (const [index, record] of records.entries()) {
      // The second record is signed by a workflow on another branch.
      stack.claims = index === 0 ? EVIDENCE_WORKFLOW : { ...EVIDENCE_WORKFLOW, ref: 'refs/heads/feature' };
      const bundle = await createKeylessSigner({ endpoints: stack.endpoints, identity })(signedBytes(record));
      const signature = { schema_version: 1, record_hash: record.hash, algorithm: 'sigstore', instance: 'github', bundle, signed_at: record.recorded_at };
      await writeFile(path.join(root, signatureFileName(recordFileName(record))), `${JSON.stringify(signature, null, 2)}\n`);
    }
    // Signatures are added with their records (the collector's one commit): amended, not a later commit the history walk would name.
    await git.add('records');
    await git.raw(['commit', '--quiet', '--amend', '--no-edit']);
    await git.raw(['checkout', '--quiet', 'main']);
    await appendFile(path.join(root, 'evident.yaml'), '  signing:\n    keyless:\n      repository: acme/program\n      workflow: .github/workflows/evidence.yml\n      ref: refs/heads/main\n');
    await git.add('evident.yaml');
    await git.commit('Accept keyless signatures from the evidence workflow');
    await writeFile(path.join(root, 'github-root.json'), JSON.stringify(stack.trustedRoot()));
    await appendFile(path.join(root, '.git', 'info', 'exclude'), 'github-root.json\n');
  }, 120_000);
  afterAll(async () => {
    await stack.close();
    await rm(fixture.root, { recursive: true, force: true });
  });

  it('bundle --trusted-root states each verdict on records.html and in verification.json', async () => {
    const run = await capture(['bundle', '--release', 'v1.0.0', ...roots, '--format', 'json'], { cwd: fixture.root });
    expectNoStackTrace(run);
    zip = JSON.parse(run.stdout).path;
    const entries = await readZipEntries(zip);
    const verification = JSON.parse(entries.get('evidence-records/verification.json')!.toString('utf8'));
    expect(verification.signatures).toMatchObject({ ok: false, keyless: 'acme/program .github/workflows/evidence.yml at refs/heads/main', counts: { valid: 1, 'identity-mismatch': 1 } });
    const page = entries.get('records.html')!.toString('utf8');
    expect(page).toContain('signed (keyless: .github/workflows/evidence.yml@refs/heads/main)');
    expect(page).toContain('signed by another workflow (keyless: .github/workflows/evidence.yml@refs/heads/feature)');
    expect(page).toContain('keyless signatures accepted from acme/program .github/workflows/evidence.yml at refs/heads/main');
  });

  it('verify re-checks them offline: the other branch is a finding, and without the root none verifies', async () => {
    const checked = await capture(['verify', zip, ...roots, '--format', 'json'], { cwd: fixture.root });
    expect(checked.code).toBe(1);
    const report = JSON.parse(checked.stdout);
    expect(report.signatures.counts).toEqual({ valid: 1, 'identity-mismatch': 1 });
    expect(report.problems).toEqual([{ file: expect.stringMatching(/^evidence-records\/records\/000002-/), problem: 'signature', message: expect.stringContaining('signed on ref `refs/heads/feature`, expected `refs/heads/main`') }]);
    const without = await capture(['verify', zip, '--format', 'json'], { cwd: fixture.root });
    expect(JSON.parse(without.stdout).signatures.counts).toEqual({ 'untrusted-signer': 2 });
  });
});
