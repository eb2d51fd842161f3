import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createValidators, sha256Hex, type AcknowledgmentSubject, type EvidenceRecord, type ExceptionSubject, type RepositoryModel } from '@evident/core';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clone } from '../test/git-sandbox.js';
import { commitAll, writeFiles } from '../test/git-sandbox.js';
import { loadModel, startScenario, type PolicyScenario } from '../test/pull-request-scenario.js';
import { acknowledgmentCampaign, renderAcknowledgmentManifest, type AcknowledgmentManifest } from './acknowledgment-manifest.js';
import { acknowledgmentStatus } from './acknowledgment-status.js';
import { collectEvidence } from './collect-evidence.js';
import { readEvidenceChain } from './read-evidence-chain.js';
import { policyFromBytes } from './read-policy-at-commit.js';
import { verifyEvidenceBranch } from './verify-evidence-branch.js';

const POLICIES = ['policies/access-control.md', 'policies/incident-response.md'];

describe('collecting acknowledgments from an acknowledgment pull request', () => {
  let s: PolicyScenario;
  let runner: Clone;
  let model: RepositoryModel;
  let ackSha: string;
  let hashes: Record<string, string>;

  beforeEach(async () => {
    s = await startScenario();
    const validators = createValidators();
    const entries: AcknowledgmentManifest['policies'] = [];
    hashes = {};
    for (const file of POLICIES) {
      const bytes = await readFile(path.join(s.dev.dir, file));
      const policy = policyFromBytes(bytes, file, s.baseSha, validators);
      entries.push({ id: policy.data!.id, version: policy.data!.version, path: file, sha256: policy.sha256 });
      hashes[policy.data!.id] = sha256Hex(bytes);
    }
    const campaign = acknowledgmentCampaign('all', entries);
    await s.dev.git.checkout(['-b', campaign.branch]);
    await writeFiles(s.dev.dir, { [campaign.manifestPath]: renderAcknowledgmentManifest({ schema_version: 1, campaign: campaign.key, base: { ref: 'main', commit: s.baseSha }, policies: entries }) });
    ackSha = await commitAll(s.dev, 'Ask for acknowledgment');
    await s.dev.git.push('origin', campaign.branch);
    s.fake.addPull({ number: 20, title: 'Acknowledge 2 policies', author: 'evident-bot', head: { ref: campaign.branch, sha: ackSha }, base: { ref: 'main', sha: s.baseSha }, files: [{ filename: campaign.manifestPath, status: 'added' }] });
    runner = await s.sandbox.clone('runner');
    model = await loadModel(runner.dir);
  });
  afterEach(async () => s.cleanup());

  const collect = () =>
    collectEvidence(s.client, { repository: { owner: 'acme', repo: 'program' }, pullNumber: 20, model, git: runner.git, committer: { name: 'Evidence Bot', email: 'bot@example.com' }, now: () => new Date('2026-03-05T12:00:00Z'), toolVersion: '0.1.0' });
  const summary = (records: { kind: string; subject: unknown }[]) =>
    records.map((r) =>
      r.kind === 'exception'
        ? ['exception', (r.subject as ExceptionSubject).reason, (r.subject as ExceptionSubject).reviews![0]!.reviewer]
        : ['acknowledgment', (r.subject as AcknowledgmentSubject).acknowledgments[0]!.person, (r.subject as AcknowledgmentSubject).policies.map((p) => `${p.id} ${p.version} ${p.commit === ackSha ? 'first' : 'later'}`).join(', ')],
    );

  it('each approving review by a roster member acknowledges exactly the content at its commit', async () => {
    s.fake.addReview(20, { login: 'ada-gh', state: 'APPROVED', commit_id: ackSha });
    s.fake.addReview(20, { login: 'grace-gh', state: 'COMMENTED', commit_id: ackSha });
    s.fake.addReview(20, { login: 'outsider-gh', state: 'APPROVED', commit_id: ackSha });
    const first = await collect();
    expect(first.kind).toBe('policy-acknowledgment');
    expect(summary(first.records)).toEqual([
      ['acknowledgment', 'ada', 'access-control 1.0 first, incident-response 2.1 first'],
      ['exception', 'unknown-reviewer', 'outsider-gh'],
    ]);
    expect((first.records[0]!.subject as AcknowledgmentSubject).policies).toEqual([
      { id: 'access-control', version: '1.0', path: POLICIES[0], commit: ackSha, sha256: hashes['access-control'] },
      { id: 'incident-response', version: '2.1', path: POLICIES[1], commit: ackSha, sha256: hashes['incident-response'] },
    ]);
    expect(s.fake.requests.some((r) => r.url.includes('/permission'))).toBe(false);

    // The branch changes a policy's text after the request: an approval there acknowledges nothing silently.
    const text = await readFile(path.join(s.dev.dir, POLICIES[0]!), 'utf8');
    await writeFiles(s.dev.dir, { [POLICIES[0]!]: text.replace('Access is reviewed quarterly.', 'Access is never reviewed.') });
    const tampered = await commitAll(s.dev, 'Change the text');
    await s.dev.git.push('origin', s.fake.pull(20)!.head.ref);
    s.fake.pull(20)!.head.sha = tampered;
    s.fake.addReview(20, { login: 'grace-gh', state: 'APPROVED', commit_id: tampered });
    s.fake.addReview(20, { login: 'barbara-gh', state: 'APPROVED', commit_id: ackSha });
    const second = await collect();
    expect(summary(second.append!.appended.map((a) => a.record))).toEqual([
      ['acknowledgment', 'barbara', 'access-control 1.0 first, incident-response 2.1 first'],
      ['exception', 'invalid-manifest', 'grace-gh'],
    ]);
    expect(second.append!.skipped).toHaveLength(2);
    expect((second.append!.appended[1]!.record.subject as ExceptionSubject).detail).toContain('the pull request changes `policies/access-control.md`');

    const chain = await readEvidenceChain(runner.git, { remote: 'origin', branch: 'evidence' });
    expect(chain.stored.map((x) => x.record.sequence)).toEqual([1, 2, 3, 4]);
    expect(await verifyEvidenceBranch(runner.git, { remote: 'origin', branch: 'evidence' })).toMatchObject({ problems: [] });

    const status = acknowledgmentStatus(model, chain.stored.map((x) => x.record as EvidenceRecord), '2026-03-10');
    const byState = (policy: string) => Object.fromEntries(status.find((p) => p.policy === policy)!.people.map((p) => [p.person, p.state]));
    expect(byState('access-control')).toEqual({ ada: 'acknowledged', grace: 'overdue', margaret: 'overdue', linus: 'overdue', ken: 'left', barbara: 'acknowledged' });
    expect(byState('incident-response')).toEqual({ linus: 'overdue', ken: 'left', barbara: 'acknowledged' });
    expect(status.find((p) => p.policy === 'access-control')!.people.find((p) => p.person === 'ada')).toMatchObject({ due: '2026-03-03', pull_request: 20, acknowledged_at: expect.any(String) });
  });

  it('records nothing until someone approves', async () => {
    s.fake.addReview(20, { login: 'grace-gh', state: 'COMMENTED', commit_id: ackSha });
    expect(await collect()).toMatchObject({ kind: 'policy-acknowledgment', records: [], reason: 'nothing to record yet' });
  });
});
