/**
 * The committed bundle, run as the runner runs it (`node dist/index.js` with the runner's
 * environment), against the fake GitHub and real git repositories.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleGit } from 'simple-git';
import { checkRecordSignatures, createValidators, generateSigningKey } from '@evident/core';
import { readEvidenceChain } from '@evident/github';
import { keylessRecordVerifier, loadTrustedRoot } from '@evident/sigstore';
import { startLoopbackSigstore, type LoopbackSigstore } from '../../../sigstore/src/test-support/loopback-sigstore.js';
import type { Clone } from '../../../github/test/git-sandbox.js';
import { mergedPolicyChangeTemplate, type PolicyScenario } from '../../../github/test/pull-request-scenario.js';
import { runAction } from '../../check/test/runner.js';

const bundle = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'index.js');
const POLICY = 'policies/access-control.md';

describe('collect-evidence dist/index.js', () => {
  let s: PolicyScenario;
  let runner: Clone;
  let headSha: string;

  /** Made once per file: the policy change on `change-access`, pushed and merged into main, and a runner clone. */
  const scenario = mergedPolicyChangeTemplate(POLICY, '1.1', 'Shared accounts are forbidden.');

  beforeEach(async () => {
    const started = await scenario();
    s = started.s;
    headSha = started.state.headSha;
    s.fake.addPull({ number: 7, author: 'linus-gh', head: { ref: 'change-access', sha: headSha }, base: { ref: 'main', sha: s.baseSha }, merged: { by: 'ada-gh', at: '2026-03-02T09:00:00Z', sha: started.state.mergeSha }, files: [{ filename: POLICY, status: 'modified' }] });
    s.fake.addReview(7, { login: 'ada-gh', state: 'APPROVED', commit_id: headSha });
    runner = s.sandbox.open('runner');
  });
  afterEach(async () => s.cleanup());

  const run = (signingKey = '', keyless: { inputs: Record<string, string>; env: Record<string, string> } = { inputs: {}, env: {} }) =>
    runAction(bundle, {
      workspace: runner.dir,
      eventName: 'pull_request',
      event: { action: 'closed', pull_request: { number: 7, merged: true } },
      inputs: { token: s.token, 'pull-request': '7', repository: 'acme/program', root: '.', 'evidence-branch': '', 'fail-on-unapproved': 'true', ...(signingKey ? { 'signing-key': signingKey } : {}), ...keyless.inputs },
      env: { GITHUB_API_URL: s.fake.baseUrl, GITHUB_REPOSITORY: 'acme/program', ...keyless.env },
      timeoutMs: 60_000,
    });

  describe('keyless (the `sigstore` input), with the runner\'s OIDC token service and Sigstore on loopback', () => {
    let stack: LoopbackSigstore;
    beforeEach(async () => {
      stack = await startLoopbackSigstore({ repository: 'acme/program', ref: 'refs/heads/main', workflow: '.github/workflows/evidence.yml' });
    });
    afterEach(async () => stack.close());
    const oidcEnv = () => ({ ACTIONS_ID_TOKEN_REQUEST_URL: stack.oidc.url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: stack.oidc.token });

    it('signs each record keyless: a Sigstore bundle beside it that verifies offline against the workflow identity; the tokens are masked', async () => {
      const result = await run('', { inputs: { sigstore: 'github', 'sigstore-urls': stack.urls }, env: oidcEnv() });
      expect(result.outputs).toMatchObject({ kind: 'policy-approval', 'records-added': '2' });
      expect(result.stdout).toContain('added records/000001-policy-approval-acme-program-pr-7.json (policy-approval, signed keyless)');
      expect(result.stdout).toContain(`::add-mask::${stack.oidc.token}\n`);
      expect(result.stdout).not.toContain('::warning::');
      expect(stack.requests).toEqual(expect.arrayContaining(['GET /oidc/token', 'POST /api/v2/signingCert', 'POST /api/v1/timestamp']));
      // One certificate for both records.
      expect(stack.requests.filter((r) => r === 'POST /api/v2/signingCert')).toHaveLength(1);
      const chain = await readEvidenceChain(simpleGit(runner.dir), { remote: 'origin', branch: 'evidence' });
      expect(JSON.parse(chain.signatures.get('records/000001-policy-approval-acme-program-pr-7.json')!)).toMatchObject({ algorithm: 'sigstore', instance: 'custom', bundle: { mediaType: expect.stringMatching(/^application\/vnd\.dev\.sigstore\.bundle/) } });
      const verify = keylessRecordVerifier([loadTrustedRoot(stack.trustedRoot(), 'loopback')]);
      const policy = { repository: 'acme/program', workflow: '.github/workflows/evidence.yml', ref: 'refs/heads/main' };
      expect(checkRecordSignatures(chain.stored, chain.signatures, { keyless: policy, required_from: '2026-01-01' }, createValidators().evidenceSignature, verify)).toMatchObject({ ok: true, counts: { valid: 2 } });
      expect(checkRecordSignatures(chain.stored, chain.signatures, { keyless: { ...policy, ref: 'refs/heads/release' } }, createValidators().evidenceSignature, verify)).toMatchObject({ ok: false, counts: { 'identity-mismatch': 2 } });
    });

    it('without `id-token: write`: warns once, and falls back to the signing key, or to unsigned with the reason', async () => {
      const key = generateSigningKey();
      const withKey = await run(key.privateKeyPem, { inputs: { sigstore: 'github', 'sigstore-urls': stack.urls }, env: {} });
      expect(withKey.outputs).toMatchObject({ 'records-added': '2' });
      expect(withKey.stdout.match(/::warning::Evidence records are not signed keyless: keyless signing failed \(no OIDC token: the job needs `permissions: id-token: write`\)\. They are signed with the signing key instead\./g)).toHaveLength(1);
      expect(withKey.stdout).toContain(`(policy-approval, signed by ${key.keyId})`);
    });

    it('refuses an unknown `sigstore` input before collecting anything', async () => {
      const result = await run('', { inputs: { sigstore: 'rekor-please' }, env: oidcEnv() });
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('::error::Unexpected `sigstore` input `rekor-please`, expected off, github or public-good%0ANo evidence record was written.');
      expect(stack.requests).toEqual([]);
    });

    it('unsigned with the reason when keyless signing fails and there is no key', async () => {
      const result = await run('', { inputs: { sigstore: 'github', 'sigstore-urls': stack.urls }, env: { ...oidcEnv(), ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'not-the-runner-token' } });
      expect(result.outputs).toMatchObject({ 'records-added': '2' });
      expect(result.stdout).toContain('They are written unsigned, each with this reason.');
      const chain = await readEvidenceChain(simpleGit(runner.dir), { remote: 'origin', branch: 'evidence' });
      expect(JSON.parse(chain.signatures.get('records/000001-policy-approval-acme-program-pr-7.json')!)).toMatchObject({ algorithm: 'none', reason: "keyless signing failed (the runner's OIDC token service answered HTTP 401)" });
    });
  });

  it('appends the approval and its exceptions, sets outputs, and fails on a missing approver', async () => {
    const result = await run();
    expect(result.stderr).toBe('');
    expect(result.outputs).toEqual({ kind: 'policy-approval', 'records-added': '2', 'records-skipped': '0', commit: expect.stringMatching(/^[0-9a-f]{40}$/), unapproved: '["access-control"]' });
    expect(result.stdout).toContain('added records/000001-policy-approval-acme-program-pr-7.json (policy-approval, unsigned)');
    expect(result.stdout).toContain('::error::Merged without every required approval: `access-control`.');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).not.toContain(s.token);
    const chain = await readEvidenceChain(simpleGit(runner.dir), { remote: 'origin', branch: 'evidence' });
    expect(chain.stored.map((x) => x.record.kind)).toEqual(['policy-approval', 'exception']);
  });

  it('succeeds when every required approver approved, and adds nothing when run again', async () => {
    s.fake.addReview(7, { login: 'margaret-gh', state: 'APPROVED', commit_id: headSha });
    const first = await run();
    expect(first).toMatchObject({ exitCode: 0, stderr: '', outputs: { kind: 'policy-approval', 'records-added': '1', unapproved: '[]' } });
    const again = await run();
    expect(again).toMatchObject({ exitCode: 0, outputs: { 'records-added': '0', 'records-skipped': '1', commit: '' } });
  });

  it('signs each record with the `signing-key` input: its .sig.json lands in the same commit, verifies, and the key is never printed', async () => {
    const key = generateSigningKey();
    const result = await run(key.privateKeyPem);
    expect(result.outputs).toMatchObject({ kind: 'policy-approval', 'records-added': '2' });
    expect(result.stdout).toContain(`added records/000001-policy-approval-acme-program-pr-7.json (policy-approval, signed by ${key.keyId})`);
    const body = key.privateKeyPem.split('\n')[1]!;
    // The runner hides masked values from the log: only the mask commands themselves carry the key.
    expect(result.stdout).toContain(`::add-mask::${body}\n`);
    const printed = (result.stdout + result.stderr).split('\n').filter((line) => !line.startsWith('::add-mask::'));
    expect(printed.join('\n')).not.toContain(body);
    const files = (await simpleGit(runner.dir).raw(['show', '--name-only', '--format=', result.outputs.commit!])).trim().split('\n');
    expect(files).toEqual(['README.md', 'records/000001-policy-approval-acme-program-pr-7.json', 'records/000001-policy-approval-acme-program-pr-7.sig.json', 'records/000002-exception-acme-program-pr-7-missing-approver-access-control-margaret.json', 'records/000002-exception-acme-program-pr-7-missing-approver-access-control-margaret.sig.json']);
    const chain = await readEvidenceChain(simpleGit(runner.dir), { remote: 'origin', branch: 'evidence' });
    const report = checkRecordSignatures(chain.stored, chain.signatures, { keys: [{ id: key.keyId, public_key: key.publicKeyPem, not_before: '2026-01-01' }], required_from: '2026-01-01' }, createValidators().evidenceSignature);
    expect(report).toMatchObject({ ok: true, counts: { valid: 2 } });
  });

  it('without a key: records are written with a marker saying why they are unsigned', async () => {
    const result = await run();
    expect(result.stdout).toContain('added records/000001-policy-approval-acme-program-pr-7.json (policy-approval, unsigned)');
    const chain = await readEvidenceChain(simpleGit(runner.dir), { remote: 'origin', branch: 'evidence' });
    expect(JSON.parse(chain.signatures.get('records/000001-policy-approval-acme-program-pr-7.json')!)).toMatchObject({ algorithm: 'none', reason: 'no signing key (the `signing-key` input of the action is empty)' });
  });
});
