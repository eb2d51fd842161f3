import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { recordExceptions, recordFileName, sealRecord, type ApprovalSubject, type EvidenceRecord, type ExceptionSubject } from '@evident/core';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import type { Clone } from '../test/git-sandbox.js';
import { changePolicy, loadModel, mergeIntoMain, scenarioTemplate, type PolicyScenario } from '../test/pull-request-scenario.js';
import { collectEvidence, type CollectOptions } from './collect-evidence.js';
import { crossCheckEvidence } from './cross-check/cross-check-evidence.js';
import { readEvidenceChain } from './read-evidence-chain.js';

const POLICY = 'policies/access-control.md';
const location = { remote: 'origin', branch: 'evidence' };

/**
 * Someone with push access to the evidence branch computes the record the collector will write for a
 * merged policy change, changes what it says and pushes it first, under the collector's own id.
 */
describe('a record id taken on the evidence branch before the collector writes it', () => {
  let s: PolicyScenario;
  let headSha: string;
  let runner: Clone;
  let mallory: Clone;

  const scenario = scenarioTemplate(async ({ sandbox, dev }) => {
    await dev.git.checkout(['-b', 'change-access']);
    const head = await changePolicy(dev, POLICY, '1.1', 'Shared accounts are allowed.');
    await dev.git.push('origin', 'change-access');
    const merge = await mergeIntoMain(dev, 'change-access');
    await sandbox.clone('runner');
    await sandbox.clone('mallory');
    return { headSha: head, mergeSha: merge };
  });

  beforeEach(async () => {
    const started = await scenario();
    s = started.s;
    headSha = started.state.headSha;
    s.fake.addPull({ number: 7, title: 'Access control 1.1', author: 'linus-gh', head: { ref: 'change-access', sha: headSha }, base: { ref: 'main', sha: s.baseSha }, merged: { by: 'ada-gh', at: '2026-03-02T09:00:00Z', sha: started.state.mergeSha }, files: [{ filename: POLICY, status: 'modified' }] });
    // grace approves; margaret, a required approver of access-control, never does.
    s.fake.addReview(7, { login: 'grace-gh', state: 'APPROVED', commit_id: headSha });
    runner = s.sandbox.open('runner');
    mallory = s.sandbox.open('mallory');
  });
  afterEach(async () => s.cleanup());

  const collect = async (clone: Clone, extra: Partial<CollectOptions> = {}) =>
    collectEvidence(s.client, {
      repository: { owner: 'acme', repo: 'program' },
      pullNumber: 7,
      model: await loadModel(clone.dir),
      git: clone.git,
      committer: { name: 'Evidence Bot', email: 'bot@example.com' },
      now: () => new Date('2026-03-02T10:00:00Z'),
      toolVersion: '0.1.0',
      ...extra,
    });

  /** The collector's own decision, taken against a scratch copy of the remote, then pushed as the first record with `edit` applied. */
  async function preempt(edit: (subject: ApprovalSubject) => void): Promise<EvidenceRecord<ApprovalSubject>> {
    const scratch = `${s.sandbox.remote}-scratch`;
    await simpleGit().raw(['clone', '-q', '--bare', s.sandbox.remote, scratch]);
    await mallory.git.raw(['remote', 'add', 'scratch', scratch]);
    const dry = await collect(mallory, { remote: 'scratch', now: () => new Date('2026-03-02T09:30:00Z') });
    const genuine = dry.records.find((r) => r.kind === 'policy-approval')!;
    const subject = structuredClone(genuine.subject) as ApprovalSubject;
    edit(subject);
    const forged = sealRecord({ ...genuine, subject }, undefined) as EvidenceRecord<ApprovalSubject>;
    await mallory.git.raw(['checkout', '-q', '--orphan', 'forged']);
    await mallory.git.raw(['rm', '-rqf', '.']);
    await mkdir(path.join(mallory.dir, 'records'), { recursive: true });
    await writeFile(path.join(mallory.dir, 'README.md'), '# Evidence records\n');
    await writeFile(path.join(mallory.dir, recordFileName(forged)), JSON.stringify(forged, null, 2) + '\n');
    await mallory.git.raw(['add', '--', 'README.md', recordFileName(forged)]);
    await mallory.git.raw(['-c', 'user.name=Evidence Bot', '-c', 'user.email=bot@example.com', 'commit', '-qm', 'Add 1 evidence record']);
    await mallory.git.raw(['push', '-q', 'origin', 'HEAD:refs/heads/evidence']);
    return forged;
  }

  it('appends a conflicting-record exception naming the record and what differs, and readiness keeps the missing approver', async () => {
    await preempt((subject) => {
      subject.policies[0]!.approved = true;
      subject.policies[0]!.approvals[0]!.person = 'margaret';
    });

    const result = await collect(runner);
    expect(result.append!.skipped).toEqual([]);
    expect(result.append!.conflicts).toEqual([
      {
        id: 'policy-approval/acme/program/pr-7',
        sequence: 1,
        file: 'records/000001-policy-approval-acme-program-pr-7.json',
        differences: ['subject.policies[0].approvals[0].person', 'subject.policies[0].approved'],
      },
    ]);
    const ids = result.append!.appended.map((a) => a.record.id);
    expect(ids).toContain('exception/acme/program/pr-7/missing-approver/access-control/margaret');
    const conflict = result.append!.appended.find((a) => (a.record.subject as ExceptionSubject).reason === 'conflicting-record')!.record as EvidenceRecord<ExceptionSubject>;
    expect(conflict.id).toMatch(/^exception\/acme\/program\/pr-7\/conflicting-record\/[0-9a-f]{12}$/);
    expect(conflict.subject).toMatchObject({ policy: 'access-control', pull_request: { number: 7 } });
    expect(conflict.subject.detail).toContain('Record `policy-approval/acme/program/pr-7` (sequence 1, `records/000001-policy-approval-acme-program-pr-7.json`) is already on the evidence branch but differs');
    expect(conflict.subject.detail).toContain('`subject.policies[0].approved`');

    // Collecting again adds nothing more, and still reports the conflict.
    const again = await collect(runner);
    expect(again.append).toMatchObject({ appended: [], conflicts: [{ id: 'policy-approval/acme/program/pr-7' }] });
    expect(again.append!.skipped).toContain(conflict.id);

    const records = (await readEvidenceChain(runner.git, location)).stored.map((x) => x.record);
    const items = recordExceptions(await loadModel(runner.dir), records, { start: '2026-01-01', end: '2026-12-31' }, '2026-03-03');
    expect(items.map((i) => i.id)).toEqual(
      expect.arrayContaining(['recorded-deviation:exception/acme/program/pr-7/missing-approver/access-control/margaret', `recorded-deviation:${conflict.id}`]),
    );
  });

  it('the GitHub cross-check does not confirm the forged approval, naming the record and the field', async () => {
    await preempt((subject) => {
      subject.policies[0]!.approved = true;
      subject.policies[0]!.approvals[0]!.person = 'margaret';
    });
    await collect(runner);
    const records = (await readEvidenceChain(runner.git, location)).stored.map((x) => x.record);
    const check = await crossCheckEvidence(s.client, records, { repository: { owner: 'acme', repo: 'program' }, git: runner.git, remote: 'origin', api: s.fake.baseUrl, now: () => new Date('2026-03-03T00:00:00Z') });
    const approval = check.records.find((r) => r.record === 'policy-approval/acme/program/pr-7')!;
    expect(approval.outcome).toBe('not-confirmed');
    expect(approval.reasons).toEqual([
      'Record `policy-approval/acme/program/pr-7` says `subject.policies[0].approvals[0].person` is `"margaret"`; deciding from GitHub\'s facts gives `"grace"`',
      'Record `policy-approval/acme/program/pr-7` says `subject.policies[0].approved` is `true`; deciding from GitHub\'s facts gives `false`',
    ]);
    // Everything the collector wrote itself is confirmed.
    expect(check.records.filter((r) => r.record !== 'policy-approval/acme/program/pr-7').map((r) => r.outcome)).toEqual(['confirmed', 'confirmed']);
  });

  it('skips the id as before when the record there states the same facts, collected at another time', async () => {
    await preempt(() => {});
    const result = await collect(runner);
    expect(result.append).toMatchObject({ skipped: ['policy-approval/acme/program/pr-7'], conflicts: [] });
    expect(result.append!.appended.map((a) => a.record.id)).toEqual(['exception/acme/program/pr-7/missing-approver/access-control/margaret']);
  });
});
