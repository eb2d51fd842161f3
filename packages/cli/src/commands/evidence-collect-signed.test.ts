import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { generateSigningKey } from '@evident/core';
import { readEvidenceChain } from '@evident/github';
import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import type { Clone } from '../../../github/test/git-sandbox.js';
import { changePolicy, mergeIntoMain, startScenario, type PolicyScenario } from '../../../github/test/pull-request-scenario.js';
import { startLoopbackSigstore } from '../../../sigstore/src/test-support/loopback-sigstore.js';
import { capture } from '../test-support/capture-run.js';

const POLICY = 'policies/access-control.md';

describe('evident evidence collect signs with EVIDENT_SIGNING_KEY', () => {
  let s: PolicyScenario;
  let runner: Clone;
  let env: Record<string, string>;

  beforeEach(async () => {
    s = await startScenario();
    await s.dev.git.checkout(['-b', 'change-access']);
    const headSha = await changePolicy(s.dev, POLICY, '1.1', 'Shared accounts are forbidden.');
    await s.dev.git.push('origin', 'change-access');
    const mergeSha = await mergeIntoMain(s.dev, 'change-access');
    s.fake.addPull({ number: 7, author: 'linus-gh', head: { ref: 'change-access', sha: headSha }, base: { ref: 'main', sha: s.baseSha }, merged: { by: 'ada-gh', at: '2026-03-02T09:00:00Z', sha: mergeSha }, files: [{ filename: POLICY, status: 'modified' }] });
    s.fake.addReview(7, { login: 'ada-gh', state: 'APPROVED', commit_id: headSha });
    s.fake.addReview(7, { login: 'margaret-gh', state: 'APPROVED', commit_id: headSha });
    runner = await s.sandbox.clone('runner');
    env = { GITHUB_TOKEN: s.token, GITHUB_API_URL: s.fake.baseUrl, GITHUB_REPOSITORY: 'acme/program', EVIDENT_GITHUB_RETRIES: '2', EVIDENT_GITHUB_RETRY_DELAY_MS: '1' };
  });
  afterEach(async () => s.cleanup());

  it('signs each record, and evidence verify finds it signed by the key evident.yaml lists', async () => {
    const key = generateSigningKey();
    const collect = await capture(['evidence', 'collect', '--pr', '7'], { cwd: runner.dir, env: { ...env, EVIDENT_SIGNING_KEY: key.privateKeyPem } });
    expect(collect.code).toBe(0);
    expect(collect.stdout + collect.stderr).not.toContain(key.privateKeyPem.split('\n')[1]!);
    const chain = await readEvidenceChain(simpleGit(runner.dir), { remote: 'origin', branch: 'evidence' });
    expect(JSON.parse(chain.signatures.get('records/000001-policy-approval-acme-program-pr-7.json')!)).toMatchObject({ algorithm: 'ed25519', key_id: key.keyId });

    const pem = key.publicKeyPem.trimEnd().split('\n').map((l) => `          ${l}`).join('\n');
    await appendFile(path.join(runner.dir, 'evident.yaml'), `  signing:\n    required_from: 2026-01-01\n    keys:\n      - id: ${key.keyId}\n        not_before: 2026-01-01\n        public_key: |\n${pem}\n`);
    const verify = await capture(['evidence', 'verify', '--format', 'json'], { cwd: runner.dir, env: {} });
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout).signatures).toMatchObject({ ok: true, counts: { valid: 1 } });
  });

  it('refuses a signing key that does not load: exit 2, the key never echoed, nothing written', async () => {
    const collect = await capture(['evidence', 'collect', '--pr', '7'], { cwd: runner.dir, env: { ...env, EVIDENT_SIGNING_KEY: 'not-a-key-but-secret-text' } });
    expect(collect.code).toBe(2);
    expect(collect.stderr).toContain('error Unexpected signing key, expected an Ed25519 private key in PKCS#8 PEM');
    expect(collect.stderr + collect.stdout).not.toContain('secret-text');
    expect((await simpleGit(runner.dir).raw(['ls-remote', 'origin', 'refs/heads/evidence'])).trim()).toBe('');
  });

  it('EVIDENT_SIGSTORE signs keyless with the run\'s OIDC token, and evidence verify accepts the evidence workflow', async () => {
    const stack = await startLoopbackSigstore({ repository: 'acme/program', ref: 'refs/heads/main', workflow: '.github/workflows/evidence.yml' });
    try {
      const oidc = { ACTIONS_ID_TOKEN_REQUEST_URL: stack.oidc.url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: stack.oidc.token };
      const collect = await capture(['evidence', 'collect', '--pr', '7'], { cwd: runner.dir, env: { ...env, ...oidc, EVIDENT_SIGSTORE: 'github', EVIDENT_SIGSTORE_URLS: stack.urls } });
      expect(collect.code).toBe(0);
      expect(collect.stderr).not.toContain('warning');
      const chain = await readEvidenceChain(simpleGit(runner.dir), { remote: 'origin', branch: 'evidence' });
      expect(JSON.parse(chain.signatures.get('records/000001-policy-approval-acme-program-pr-7.json')!)).toMatchObject({ algorithm: 'sigstore', instance: 'custom' });
      await appendFile(path.join(runner.dir, 'evident.yaml'), '  signing:\n    required_from: 2026-01-01\n    keyless:\n      repository: acme/program\n      workflow: .github/workflows/evidence.yml\n      ref: refs/heads/main\n');
      await writeFile(path.join(runner.dir, 'root.json'), JSON.stringify(stack.trustedRoot()));
      const verify = await capture(['evidence', 'verify', '--trusted-root', 'root.json', '--format', 'json'], { cwd: runner.dir, env: {} });
      expect(verify.code).toBe(0);
      expect(JSON.parse(verify.stdout).signatures).toMatchObject({ ok: true, counts: { valid: 1 } });
    } finally {
      await stack.close();
    }
  });

  it('refuses an unknown EVIDENT_SIGSTORE before collecting: exit 2, nothing written', async () => {
    const collect = await capture(['evidence', 'collect', '--pr', '7'], { cwd: runner.dir, env: { ...env, EVIDENT_SIGSTORE: 'everywhere' } });
    expect(collect.code).toBe(2);
    expect(collect.stderr).toContain('Unexpected EVIDENT_SIGSTORE `everywhere`, expected off, github or public-good');
    expect((await simpleGit(runner.dir).raw(['ls-remote', 'origin', 'refs/heads/evidence'])).trim()).toBe('');
  });
});
