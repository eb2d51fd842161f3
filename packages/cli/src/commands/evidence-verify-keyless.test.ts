import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signatureFileName, unsignedMarker, type EvidenceRecord } from '@evident/core';
import { appendEvidence, createRecordSigner, type RecordSigner } from '@evident/github';
import { createKeylessSigner, githubActionsTokenProvider } from '@evident/sigstore';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { COLLECTOR, reseal, tamperer, testRecord, testRecordFile } from '../../../github/test/evidence-branch.js';
import { createGitSandbox, seedProgram, type Clone, type GitSandbox } from '../../../github/test/git-sandbox.js';
import { startLoopbackSigstore, type LoopbackSigstore, type WorkflowClaims } from '../../../sigstore/src/test-support/loopback-sigstore.js';
import { capture } from '../test-support/capture-run.js';

const EVIDENCE_WORKFLOW: WorkflowClaims = { repository: 'acme/program', ref: 'refs/heads/main', workflow: '.github/workflows/evidence.yml' };
const KEYLESS_YAML = ['  signing:', '    required_from: 2026-02-01', '    keyless:', '      repository: acme/program', '      workflow: .github/workflows/evidence.yml', '      ref: refs/heads/main', ''].join('\n');

/** A keyless signer on `stack` whose OIDC tokens carry `claims` (a new signer: a new certificate). */
function keylessSigner(stack: LoopbackSigstore, claims: WorkflowClaims): RecordSigner {
  const identity = githubActionsTokenProvider({ ACTIONS_ID_TOKEN_REQUEST_URL: stack.oidc.url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: stack.oidc.token }, () => undefined);
  const sign = createKeylessSigner({ endpoints: stack.endpoints, identity });
  const signer = createRecordSigner({ keyless: { sign, instance: 'github' }, unsignedReason: 'unused', now: () => new Date() });
  return async (record) => {
    stack.claims = claims;
    try {
      return await signer(record);
    } finally {
      stack.claims = EVIDENCE_WORKFLOW;
    }
  };
}

/**
 * One evidence branch holding a record of each kind an auditor must tell apart, signed through a
 * loopback Sigstore (Fulcio, timestamp authority, the runner's OIDC token service), then verified
 * offline by the real CLI against the stacks' trusted roots.
 */
describe('evident evidence verify: keyless signatures, offline', () => {
  let sandbox: GitSandbox;
  let collector: Clone;
  let github: LoopbackSigstore;
  let expired: LoopbackSigstore;
  let stranger: LoopbackSigstore;
  let roots: string[];
  const statuses = new Map<number, string>();

  beforeAll(async () => {
    sandbox = await createGitSandbox();
    collector = await sandbox.clone('collector');
    await seedProgram(collector);
    github = await startLoopbackSigstore({ ...EVIDENCE_WORKFLOW });
    expired = await startLoopbackSigstore({ ...EVIDENCE_WORKFLOW }, { caClock: new Date(Date.now() - 60 * 60 * 1000) });
    stranger = await startLoopbackSigstore({ ...EVIDENCE_WORKFLOW });
    const append = async (n: number, sign: RecordSigner) => appendEvidence(collector.git, [testRecord(n)], { ...COLLECTOR, sign });
    await append(1, keylessSigner(github, EVIDENCE_WORKFLOW));
    await append(2, keylessSigner(github, { ...EVIDENCE_WORKFLOW, workflow: '.github/workflows/other.yml' }));
    await append(3, keylessSigner(github, { ...EVIDENCE_WORKFLOW, ref: 'refs/heads/feature' }));
    await append(4, keylessSigner(github, { ...EVIDENCE_WORKFLOW, repository: 'mallory/program' }));
    // A signature over other bytes than the record's: what editing a record after signing leaves.
    const honest = keylessSigner(github, EVIDENCE_WORKFLOW);
    await append(5, async (record) => ({ ...(await honest({ ...record, subject: { reason: 'test', detail: 'other' } } as EvidenceRecord)), record_hash: record.hash }));
    await append(6, keylessSigner(expired, EVIDENCE_WORKFLOW));
    await append(7, keylessSigner(stranger, EVIDENCE_WORKFLOW));
    await append(8, async (record) => unsignedMarker(record, 'keyless signing failed (no OIDC token: the job needs `permissions: id-token: write`)', new Date()));
    await appendFile(path.join(collector.dir, 'evident.yaml'), KEYLESS_YAML);
    roots = [];
    for (const [name, stack] of [['github', github], ['expired', expired]] as const) {
      await writeFile(path.join(collector.dir, `${name}-root.json`), JSON.stringify(stack.trustedRoot()));
      roots.push('--trusted-root', `${name}-root.json`);
    }
  }, 120_000);
  afterAll(async () => {
    await Promise.all([github, expired, stranger].map((s) => s.close()));
    await sandbox.cleanup();
  });

  it('tells every record apart, with exit 1', async () => {
    const run = await capture(['evidence', 'verify', ...roots, '--format', 'json'], { cwd: collector.dir, env: {} });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.problems).toEqual([]);
    expect(report.signatures).toMatchObject({ ok: false, keyless: 'acme/program .github/workflows/evidence.yml at refs/heads/main', required_from: '2026-02-01' });
    for (const r of report.signatures.records as { sequence: number; status: string }[]) statuses.set(r.sequence, r.status);
    expect(Object.fromEntries(statuses)).toEqual({ 1: 'valid', 2: 'identity-mismatch', 3: 'identity-mismatch', 4: 'identity-mismatch', 5: 'bad-signature', 6: 'untrusted-signer', 7: 'untrusted-signer', 8: 'unsigned-required' });
    const byRecord = (n: number) => report.signatures.records[n - 1];
    expect(byRecord(1)).toMatchObject({ signer: 'https://github.com/acme/program/.github/workflows/evidence.yml@refs/heads/main', run: 'https://github.com/acme/program/actions/runs/4242/attempts/1' });
    expect(byRecord(2).message).toContain('signed by workflow `https://github.com/acme/program/.github/workflows/other.yml`, expected `https://github.com/acme/program/.github/workflows/evidence.yml`');
    expect(byRecord(3).message).toContain('signed on ref `refs/heads/feature`, expected `refs/heads/main`');
    expect(byRecord(4).message).toContain('signed in repository `https://github.com/mallory/program`, expected `https://github.com/acme/program`');
    expect(byRecord(5).message).toContain('the signature is over other bytes');
    expect(byRecord(6).message).toContain('no trusted root vouches');
    expect(byRecord(7).message).toContain('no trusted root vouches');
    expect(byRecord(8).message).toContain('is unsigned: keyless signing failed (no OIDC token');
    expect(testRecordFile(1)).toBe(byRecord(1).file);
  });

  it('says it in text, naming the keyless signer allowed', async () => {
    const run = await capture(['evidence', 'verify', ...roots], { cwd: collector.dir, env: {} });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('signed by another workflow records/000002-');
    expect(run.stdout).toContain('signature problems signatures of 8 records: 1 signed, 1 unsigned (signing required), 1 bad signature, 2 untrusted signer, 3 signed by another workflow (0 keys in evident.yaml, keyless signer acme/program .github/workflows/evidence.yml at refs/heads/main, signing required from 2026-02-01).');
  });

  it('without the trusted root of GitHub\'s instance, no keyless record verifies', async () => {
    const run = await capture(['evidence', 'verify', '--format', 'json'], { cwd: collector.dir, env: {} });
    expect(JSON.parse(run.stdout).signatures.counts).toMatchObject({ 'untrusted-signer': 6, 'bad-signature': 1, 'unsigned-required': 1 });
  });

  // Last: it rewrites the branch the tests above read.
  it('a keyless-signed record edited after signing and re-sealed: the history names the commit, the signature check the record', async () => {
    const mallory = await tamperer(sandbox);
    const file = testRecordFile(1);
    const signed = await mallory.read(file);
    const edited = reseal({ ...signed, subject: { reason: 'test', detail: 'edited after signing' } } as EvidenceRecord);
    await mallory.write(file, edited);
    const sigFile = path.join(mallory.clone.dir, signatureFileName(file));
    await writeFile(sigFile, (await readFile(sigFile, 'utf8')).replace(signed.hash, edited.hash));
    const commit = await mallory.push('Edit record 1');
    const run = await capture(['evidence', 'verify', ...roots, '--format', 'json'], { cwd: collector.dir, env: {} });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.problems.map((p: { problem: string; file: string; commit: string }) => [p.problem, p.file, p.commit])).toEqual(expect.arrayContaining([['modified', file, commit]]));
    expect(report.signatures.records[0]).toMatchObject({ file, status: 'bad-signature', message: expect.stringContaining('the signature is over other bytes') });
  });
});
