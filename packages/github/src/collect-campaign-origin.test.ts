import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createValidators, sha256Hex, type AcknowledgmentSubject, type EvidenceRecord, type ExceptionSubject, type RepositoryModel } from '@evident/core';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clone } from '../test/git-sandbox.js';
import { commitAll, writeFiles } from '../test/git-sandbox.js';
import { changePolicy, loadModel, mergeIntoMain, startScenario, type PolicyScenario } from '../test/pull-request-scenario.js';
import { renderAcknowledgmentManifest, type AcknowledgmentManifest } from './acknowledgment-manifest.js';
import { acknowledgmentStatus } from './acknowledgment-status.js';
import { collectEvidence } from './collect-evidence.js';
import { readEvidenceChain } from './read-evidence-chain.js';
import { policyFromBytes } from './read-policy-at-commit.js';

const FILE = 'policies/access-control.md';
const MANIFEST = '.evident/acknowledgments/typo.json';
const BRANCH = 'evident/acknowledge/typo';

/** Pull requests whose branch is named like a campaign but that are not one, against real git and the fake GitHub. */
describe('campaign pull requests count only from a branch of the repository, against the default branch', () => {
  let s: PolicyScenario;
  let runner: Clone;
  let model: RepositoryModel;
  let genuine: string;
  beforeEach(async () => {
    s = await startScenario();
    runner = await s.sandbox.clone('runner');
    model = await loadModel(runner.dir);
    genuine = await readFile(path.join(s.dev.dir, FILE), 'utf8');
  });
  afterEach(async () => s.cleanup());

  const collect = (n: number) =>
    collectEvidence(s.client, { repository: { owner: 'acme', repo: 'program' }, pullNumber: n, model, git: runner.git, committer: { name: 'Evidence Bot', email: 'bot@example.com' }, now: () => new Date('2026-03-05T12:00:00Z'), toolVersion: '0.1.0' });
  /** The same frontmatter (id, version), another body: a text the default branch never held. */
  const typo = () => genuine.replace(/\n---\n[\s\S]*$/, '\n---\n\n# Typo fix\n\nPlease approve: fixes a typo.\n');
  const entry = (text: string): AcknowledgmentManifest['policies'][number] => {
    const policy = policyFromBytes(Buffer.from(text), FILE, s.baseSha, createValidators());
    return { id: policy.data!.id, version: policy.data!.version, path: FILE, sha256: policy.sha256 };
  };
  const manifest = (entries: AcknowledgmentManifest['policies'], commit = s.baseSha) => renderAcknowledgmentManifest({ schema_version: 1, campaign: 'typo', base: { ref: 'main', commit }, policies: entries });
  /** The typo pull request: the policy's body replaced, and a manifest naming the new text's SHA-256. */
  const pushTypoBranch = async () => {
    await s.dev.git.checkout(['-b', BRANCH]);
    await writeFiles(s.dev.dir, { [FILE]: typo(), [MANIFEST]: manifest([entry(typo())]) });
    const head = await commitAll(s.dev, 'Fix a typo');
    await s.dev.git.push('origin', BRANCH);
    return head;
  };
  const evidenceRecords = async () => {
    const remote = await runner.git.raw(['ls-remote', 'origin', 'refs/heads/evidence']);
    return remote.trim() ? (await readEvidenceChain(runner.git, { remote: 'origin', branch: 'evidence' })).stored.map((x) => x.record as EvidenceRecord) : [];
  };
  const adaOnAccessControl = (records: EvidenceRecord[]) => acknowledgmentStatus(model, records, '2026-03-10').find((p) => p.policy === 'access-control')!.people.find((p) => p.person === 'ada')!.state;

  it('A1: a fork pull request from `evident/acknowledge/*` acknowledges nothing, whatever text its manifest names', async () => {
    const head = await pushTypoBranch();
    expect(entry(typo()).sha256).not.toBe(sha256Hex(genuine));
    s.fake.addPull({ number: 21, title: 'Fix a typo', author: 'outsider-gh', headRepository: 'mallory/program', head: { ref: BRANCH, sha: head }, base: { ref: 'main', sha: s.baseSha }, files: [{ filename: FILE, status: 'modified' }, { filename: MANIFEST, status: 'added' }] });
    s.fake.addReview(21, { login: 'ada-gh', state: 'APPROVED', commit_id: head });

    const result = await collect(21);
    expect(result).toMatchObject({ kind: 'none', records: [] });
    expect(result.reason).toBe('pull request #21 comes from branch `evident/acknowledge/typo` of mallory/program, a fork, so it is not an acknowledgment pull request: only a branch of acme/program is');
    expect(result.append).toBeUndefined();
    const records = await evidenceRecords();
    expect(records).toEqual([]);
    expect(adaOnAccessControl(records)).toBe('overdue');
  });

  it('A1 from a branch of the repository: a pull request changing the policy it asks about records the refusal, not an acknowledgment', async () => {
    const head = await pushTypoBranch();
    s.fake.addPull({ number: 21, title: 'Fix a typo', author: 'grace-gh', head: { ref: BRANCH, sha: head }, base: { ref: 'main', sha: s.baseSha }, files: [{ filename: FILE, status: 'modified' }, { filename: MANIFEST, status: 'added' }] });
    s.fake.addReview(21, { login: 'ada-gh', state: 'APPROVED', commit_id: head });

    const result = await collect(21);
    expect(result.kind).toBe('policy-acknowledgment');
    expect(result.records.map((r) => [r.kind, r.id])).toEqual([['exception', 'exception/acme/program/pr-21/invalid-manifest/review-5000']]);
    expect((result.records[0]!.subject as ExceptionSubject).detail).toBe(
      `The approval of @ada-gh is on commit ${head}, where the pull request changes \`${FILE}\`: an acknowledgment pull request only adds its manifest, and policies are acknowledged as they are on \`main\``,
    );
    expect(adaOnAccessControl(await evidenceRecords())).toBe('overdue');
  });

  it('refuses a manifest naming text the default branch does not hold, even when the pull request only adds the manifest', async () => {
    // The typo text on a side branch that was never merged: a commit of the repository, not of `main`.
    await s.dev.git.checkout(['-b', 'staging']);
    await writeFiles(s.dev.dir, { [FILE]: typo() });
    const staging = await commitAll(s.dev, 'Stage a typo fix');
    await s.dev.git.push('origin', 'staging');
    await s.dev.git.checkout(['main']);
    await s.dev.git.checkout(['-b', BRANCH]);
    await writeFiles(s.dev.dir, { [MANIFEST]: manifest([entry(typo())], staging) });
    const onStaging = await commitAll(s.dev, 'Ask with the staging base');
    await writeFiles(s.dev.dir, { [MANIFEST]: manifest([entry(typo())]) });
    const onMain = await commitAll(s.dev, 'Ask with the main base');
    await s.dev.git.push('origin', BRANCH);
    s.fake.addPull({ number: 22, title: 'Acknowledge', author: 'grace-gh', head: { ref: BRANCH, sha: onMain }, base: { ref: 'main', sha: s.baseSha }, files: [{ filename: MANIFEST, status: 'added' }] });
    s.fake.addReview(22, { login: 'ada-gh', state: 'APPROVED', commit_id: onStaging });
    s.fake.addReview(22, { login: 'linus-gh', state: 'APPROVED', commit_id: onMain });

    const result = await collect(22);
    expect(result.records.map((r) => [r.kind, (r.subject as ExceptionSubject).reason, (r.subject as ExceptionSubject).detail])).toEqual([
      ['exception', 'invalid-manifest', `The approval of @ada-gh is on commit ${onStaging}, where the manifest's base commit ${staging} is not a commit of the default branch \`main\` (up to ${s.baseSha})`],
      [
        'exception',
        'invalid-manifest',
        `The approval of @linus-gh is on commit ${onMain}, where \`${FILE}\` on the default branch \`main\` at ${s.baseSha} (policy \`access-control\` 1.0, SHA-256 ${sha256Hex(genuine).slice(0, 12)}) differs from what the manifest names (\`access-control\` 1.0, ${entry(typo()).sha256.slice(0, 12)})`,
      ],
    ]);
    expect(acknowledgmentStatus(model, await evidenceRecords(), '2026-03-10').find((p) => p.policy === 'access-control')!.counts.acknowledged).toBe(0);
  });

  it('a campaign from a branch of the repository acknowledges the default branch text, also after the default branch moved on', async () => {
    await s.dev.git.checkout(['-b', BRANCH]);
    await writeFiles(s.dev.dir, { [MANIFEST]: manifest([entry(genuine)]) });
    const head = await commitAll(s.dev, 'Ask for acknowledgment');
    await s.dev.git.push('origin', BRANCH);
    // A later version reaches main: GitHub's base commit of the open campaign moves with it.
    await s.dev.git.checkout(['main']);
    const later = await changePolicy(s.dev, FILE, '1.1', 'Access is reviewed monthly.');
    await s.dev.git.push('origin', 'main');
    s.fake.addPull({ number: 23, title: 'Acknowledge', author: 'evident-bot', head: { ref: BRANCH, sha: head }, base: { ref: 'main', sha: later }, files: [{ filename: MANIFEST, status: 'added' }] });
    s.fake.addReview(23, { login: 'ada-gh', state: 'APPROVED', commit_id: head });

    const result = await collect(23);
    expect(result.records.map((r) => r.id)).toEqual(['policy-acknowledgment/acme/program/pr-23/review-5000']);
    expect((result.records[0]!.subject as AcknowledgmentSubject).policies).toEqual([{ id: 'access-control', version: '1.0', path: FILE, commit: head, sha256: sha256Hex(genuine) }]);
    expect(adaOnAccessControl(await evidenceRecords())).toBe('acknowledged');
  });

  it('refuses a campaign that targets another branch than the default one', async () => {
    await s.dev.git.checkout(['-b', BRANCH]);
    await writeFiles(s.dev.dir, { [MANIFEST]: manifest([entry(genuine)]) });
    const head = await commitAll(s.dev, 'Ask for acknowledgment');
    await s.dev.git.push('origin', BRANCH);
    s.fake.addPull({ number: 24, title: 'Acknowledge', author: 'grace-gh', head: { ref: BRANCH, sha: head }, base: { ref: 'release', sha: s.baseSha }, files: [{ filename: MANIFEST, status: 'added' }] });
    s.fake.addReview(24, { login: 'ada-gh', state: 'APPROVED', commit_id: head });

    expect(await collect(24)).toEqual({ kind: 'none', reason: 'pull request #24 targets `release`, not the default branch `main`, so it is not an acknowledgment pull request', records: [], unapproved: [] });
    expect(await evidenceRecords()).toEqual([]);
  });

  it('collects a merged policy change as one, even from a branch named like a campaign', async () => {
    await s.dev.git.checkout(['-b', BRANCH]);
    const head = await changePolicy(s.dev, FILE, '1.1', 'Access is reviewed monthly.');
    await s.dev.git.push('origin', BRANCH);
    const merge = await mergeIntoMain(s.dev, BRANCH);
    s.fake.addPull({ number: 26, title: 'Review monthly', author: 'outsider-gh', headRepository: 'mallory/program', head: { ref: BRANCH, sha: head }, base: { ref: 'main', sha: s.baseSha }, merged: { by: 'grace-gh', at: '2026-03-04T10:00:00Z', sha: merge }, files: [{ filename: FILE, status: 'modified' }] });
    s.fake.addReview(26, { login: 'ada-gh', state: 'APPROVED', commit_id: head });

    const result = await collect(26);
    expect(result.kind).toBe('policy-approval');
    expect(result.records.map((r) => r.id)).toContain('policy-approval/acme/program/pr-26');
    expect(s.fake.requests.some((r) => r.url.includes('/collaborators/ada-gh/permission'))).toBe(true);
  });

  it('refuses an access review pull request from a fork without reading its review file', async () => {
    await s.dev.git.checkout(['-b', 'evident/access-review/2026-Q1']);
    await writeFiles(s.dev.dir, { 'access-reviews/2026-Q1.md': '# Access review 2026-Q1\n\nNothing to see.\n' });
    const head = await commitAll(s.dev, 'Review access');
    s.fake.addPull({ number: 25, title: 'Access review 2026-Q1', author: 'outsider-gh', headRepository: 'mallory/program', head: { ref: 'evident/access-review/2026-Q1', sha: head }, base: { ref: 'main', sha: s.baseSha }, files: [{ filename: 'access-reviews/2026-Q1.md', status: 'added' }] });
    s.fake.addReview(25, { login: 'ada-gh', state: 'APPROVED', commit_id: head });

    const result = await collect(25);
    expect(result).toMatchObject({ kind: 'none', records: [] });
    expect(result.reason).toContain('of mallory/program, a fork, so it is not an access review pull request');
    expect(s.fake.requests.filter((r) => r.url.includes('/contents/'))).toEqual([]);
    expect(await evidenceRecords()).toEqual([]);
  });
});
