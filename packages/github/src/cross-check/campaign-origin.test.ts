import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createValidators, parsePeriod, sha256Hex, type AccessSnapshotSubject, type EvidenceRecord, type RepositoryModel } from '@evident/core';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { COLLECTOR } from '../../test/evidence-branch.js';
import { FakeOrganization } from '../../test/fake-github/fake-organization.js';
import type { Clone } from '../../test/git-sandbox.js';
import { commitAll, writeFiles } from '../../test/git-sandbox.js';
import { loadModel, startScenario, type PolicyScenario } from '../../test/pull-request-scenario.js';
import { decideAccessReview } from '../access/decide-access-review.js';
import { recordAccessSnapshot } from '../access/record-access-evidence.js';
import { renderAccessReview } from '../access/render-access-review.js';
import { renderAcknowledgmentManifest } from '../acknowledgment-manifest.js';
import { buildUnsealedRecords } from '../build-unsealed-records.js';
import { collectEvidence } from '../collect-evidence.js';
import { decideAcknowledgments, type VersionsAtCommit } from '../decide-acknowledgments.js';
import { appendEvidence } from '../evidence-store.js';
import { fetchPullRequestFacts } from '../fetch-pull-request-facts.js';
import { readAcknowledgedVersions } from '../read-acknowledged-versions.js';
import { readEvidenceChain } from '../read-evidence-chain.js';
import { ensureCommit, readFileAtCommit } from '../read-file-at-commit.js';
import { policyFromBytes } from '../read-policy-at-commit.js';
import { verifyEvidenceBranch } from '../verify-evidence-branch.js';
import { crossCheckEvidence } from './cross-check-evidence.js';

const FILE = 'policies/access-control.md';
const BRANCH = 'evident/acknowledge/all-x';
const MANIFEST = '.evident/acknowledgments/all-x.json';
const repository = { owner: 'acme', repo: 'program' };
const location = { remote: 'origin', branch: 'evidence' };
const now = () => new Date('2026-03-05T12:00:00Z');

/**
 * The collector refuses a campaign pull request from a fork or against another branch than the
 * default one. Someone with push access can still append, to the evidence branch, the records a
 * collector without that check would write: the chain verifies, so the cross-check must refuse them.
 */
describe('the cross-check repeats the collector\'s campaign checks for acknowledgments and access reviews on the branch', () => {
  let s: PolicyScenario;
  let runner: Clone;
  let model: RepositoryModel;
  let head: string;
  const genuineId = 'policy-acknowledgment/acme/program/pr-22/review-5000';

  beforeEach(async () => {
    s = await startScenario();
    runner = await s.sandbox.clone('runner');
    model = await loadModel(runner.dir);
    const policy = policyFromBytes(await readFile(path.join(s.dev.dir, FILE)), FILE, s.baseSha, createValidators());
    await s.dev.git.checkout(['-b', BRANCH]);
    await writeFiles(s.dev.dir, { [MANIFEST]: renderAcknowledgmentManifest({ schema_version: 1, campaign: 'all-x', base: { ref: 'main', commit: s.baseSha }, policies: [{ id: policy.data!.id, version: policy.data!.version, path: FILE, sha256: policy.sha256 }] }) });
    head = await commitAll(s.dev, 'Ask for acknowledgments');
    await s.dev.git.push('origin', BRANCH);
    // The genuine campaign: a branch of the repository, against the default branch.
    s.fake.addPull({ number: 22, title: 'Acknowledge', author: 'evident-bot', head: { ref: BRANCH, sha: head }, base: { ref: 'main', sha: s.baseSha }, files: [{ filename: MANIFEST, status: 'added' }] });
    s.fake.addReview(22, { login: 'ada-gh', state: 'APPROVED', commit_id: head });
    const collected = await collectEvidence(s.client, { repository, pullNumber: 22, model, git: runner.git, committer: { name: 'Evidence Bot', email: 'bot@example.com' }, now, toolVersion: '0.1.0' });
    expect(collected.records.map((r) => r.id)).toEqual([genuineId]);
  });
  afterEach(async () => s.cleanup());

  /**
   * What a collector without the campaign-origin check writes for pull request `n` (the same
   * functions as collectEvidence: GitHub's facts, the acknowledged versions read from git, the
   * decision), appended from a clone of someone with push access. Returns the ids appended.
   * `trusted` replaces what a reviewed commit acknowledges (a collector that believes the manifest).
   */
  async function appendWithoutOriginCheck(n: number, trusted?: (commit: string) => VersionsAtCommit): Promise<string[]> {
    const mallory = await s.sandbox.clone('mallory');
    const facts = await fetchPullRequestFacts(s.client, { repository, pullNumber: n, now, needsPermissions: () => false });
    await ensureCommit(mallory.git, facts.pull.base_sha, 'origin');
    const versions = new Map<string, VersionsAtCommit>();
    for (const review of facts.reviews) {
      await ensureCommit(mallory.git, review.commit_id!, 'origin', n);
      versions.set(review.commit_id!, trusted ? trusted(review.commit_id!) : await readAcknowledgedVersions(mallory.git, review.commit_id!, MANIFEST, createValidators(), { ref: 'main', commit: facts.pull.base_sha }));
    }
    const decision = decideAcknowledgments(facts, versions, model);
    expect(decision.exceptions).toEqual([]);
    const records = buildUnsealedRecords('policy-acknowledgment', decision.acknowledgments, { facts, recordedAt: '2026-03-05T12:01:00Z', toolVersion: '0.1.0' });
    await appendEvidence(mallory.git, records, COLLECTOR);
    expect((await verifyEvidenceBranch(runner.git, location)).problems).toEqual([]);
    return records.map((r) => r.id);
  }

  const crossCheck = async () => {
    const records = (await readEvidenceChain(runner.git, location)).stored.map((x) => x.record as EvidenceRecord);
    return crossCheckEvidence(s.client, records, { repository, git: runner.git, remote: 'origin', api: s.fake.baseUrl, now: () => new Date('2026-03-06T00:00:00Z') });
  };
  /** GET requests of the pull request itself (not its files, commits or reviews). */
  const pullReads = (n: number) => s.fake.requests.filter((r) => r.method === 'GET' && r.url.split('?')[0] === `/repos/acme/program/pulls/${n}`).length;

  it('confirms the genuine acknowledgment, reading the pull request no more often than before the origin was checked', async () => {
    const before = pullReads(22);
    const requests = s.fake.requests.length;
    const check = await crossCheck();
    expect(check.records).toEqual([{ record: genuineId, kind: 'policy-acknowledgment', outcome: 'confirmed', reasons: [] }]);
    // One read tells a missing pull request (404) and gives the origin; the other is the collector's own read of its facts.
    expect(pullReads(22) - before).toBe(2);
    expect(check.api_calls).toBe(s.fake.requests.length - requests);
  });

  it('does not confirm an acknowledgment whose pull request comes from a fork, however its branch is named', async () => {
    s.fake.addPull({ number: 23, title: 'Acknowledge', author: 'outsider-gh', headRepository: 'mallory/program', head: { ref: BRANCH, sha: head }, base: { ref: 'main', sha: s.baseSha }, files: [{ filename: MANIFEST, status: 'added' }] });
    const reviewId = s.fake.addReview(23, { login: 'ada-gh', state: 'APPROVED', commit_id: head });
    const [forged] = await appendWithoutOriginCheck(23);
    expect(forged).toBe(`policy-acknowledgment/acme/program/pr-23/review-${reviewId}`);

    const check = await crossCheck();
    expect(check.records).toEqual([
      { record: genuineId, kind: 'policy-acknowledgment', outcome: 'confirmed', reasons: [] },
      {
        record: forged,
        kind: 'policy-acknowledgment',
        outcome: 'not-confirmed',
        reasons: [
          `Record \`${forged}\` names a pull request the collector does not count as a campaign; GitHub says pull request #23 comes from branch \`${BRANCH}\` of mallory/program, a fork, so it is not an acknowledgment pull request: only a branch of acme/program is`,
        ],
      },
    ]);
    expect({ confirmed: check.confirmed, not_confirmed: check.not_confirmed }).toEqual({ confirmed: 1, not_confirmed: 1 });
  });

  it('does not confirm an acknowledgment whose pull request targets another branch than the default one', async () => {
    s.fake.addPull({ number: 24, title: 'Acknowledge', author: 'grace-gh', head: { ref: BRANCH, sha: head }, base: { ref: 'release', sha: s.baseSha }, files: [{ filename: MANIFEST, status: 'added' }] });
    s.fake.addReview(24, { login: 'ada-gh', state: 'APPROVED', commit_id: head });
    const [forged] = await appendWithoutOriginCheck(24);

    const check = await crossCheck();
    expect(check.records.find((r) => r.record === forged)).toEqual({
      record: forged,
      kind: 'policy-acknowledgment',
      outcome: 'not-confirmed',
      reasons: [`Record \`${forged}\` names a pull request the collector does not count as a campaign; GitHub says pull request #24 targets \`release\`, not the default branch \`main\`, so it is not an acknowledgment pull request`],
    });
    expect(check.records.find((r) => r.record === genuineId)!.outcome).toBe('confirmed');
  });

  it('does not confirm an acknowledgment of text the default branch did not hold at the manifest\'s base', async () => {
    // A branch of the repository, against the default branch, that rewrites the policy and names the new text in its manifest.
    const genuine = await readFile(path.join(s.dev.dir, FILE), 'utf8');
    const typoText = genuine.replace(/\n---\n[\s\S]*$/, '\n---\n\n# Typo fix\n\nPlease approve: fixes a typo.\n');
    const typo = policyFromBytes(Buffer.from(typoText), FILE, s.baseSha, createValidators());
    const entry = { id: typo.data!.id, version: typo.data!.version, path: FILE, sha256: typo.sha256 };
    await s.dev.git.checkout(['main']);
    await s.dev.git.checkout(['-b', 'evident/acknowledge/typo']);
    const manifest = '.evident/acknowledgments/typo.json';
    await writeFiles(s.dev.dir, { [FILE]: typoText, [manifest]: renderAcknowledgmentManifest({ schema_version: 1, campaign: 'typo', base: { ref: 'main', commit: s.baseSha }, policies: [entry] }) });
    const typoHead = await commitAll(s.dev, 'Fix a typo');
    await s.dev.git.push('origin', 'evident/acknowledge/typo');
    s.fake.addPull({ number: 25, title: 'Fix a typo', author: 'grace-gh', head: { ref: 'evident/acknowledge/typo', sha: typoHead }, base: { ref: 'main', sha: s.baseSha }, files: [{ filename: FILE, status: 'modified' }, { filename: manifest, status: 'added' }] });
    const reviewId = s.fake.addReview(25, { login: 'ada-gh', state: 'APPROVED', commit_id: typoHead });
    const [forged] = await appendWithoutOriginCheck(25, (commit) => ({ policies: [{ ...entry, commit }] }));

    const check = await crossCheck();
    const onMain = `\`${FILE}\` on the default branch \`main\` at ${s.baseSha} (policy \`access-control\` ${entry.version}, SHA-256 ${policyFromBytes(Buffer.from(genuine), FILE, s.baseSha, createValidators()).sha256.slice(0, 12)})`;
    expect(check.records.find((r) => r.record === forged)).toEqual({
      record: forged,
      kind: 'policy-acknowledgment',
      outcome: 'not-confirmed',
      reasons: [
        `Record \`${forged}\` says review ${reviewId} acknowledged policies at \`${typoHead.slice(0, 12)}\`; read as the collector reads it, that commit acknowledges none: ${onMain} differs from what the manifest names (\`access-control\` ${entry.version}, ${entry.sha256.slice(0, 12)})`,
      ],
    });
  });

  it('does not confirm an access review sign-off whose pull request comes from a fork', async () => {
    const branch = 'evident/access-review/2026-Q1';
    const file = 'access-reviews/2026-Q1.md';
    const control = { id: 'AC-08', title: 'Access review', owner: 'ada' };
    // The review Evident renders for 2026-Q1 from a snapshot on the evidence branch: only the fork is wrong.
    FakeOrganization.install(s.fake).members.set('ada-gh', { role: 'admin', twoFactor: true });
    await recordAccessSnapshot(s.client, { repositories: [repository], now, toolVersion: '0.1.0', git: runner.git, branch: 'evidence', committer: COLLECTOR.committer });
    const snapshots = (await readEvidenceChain(runner.git, location)).stored.map((x) => x.record).filter((r) => r.kind === 'access-snapshot') as EvidenceRecord<AccessSnapshotSubject>[];
    const text = renderAccessReview({ period: parsePeriod('2026-Q1')!, control, snapshot: snapshots[0]!, people: model.people });
    await s.dev.git.checkout(['main']);
    await s.dev.git.checkout(['-b', branch]);
    await writeFiles(s.dev.dir, { [file]: text });
    const reviewHead = await commitAll(s.dev, 'Review access');
    await s.dev.git.push('origin', branch);
    s.fake.addPull({ number: 26, title: 'Access review 2026-Q1', author: 'outsider-gh', headRepository: 'mallory/program', head: { ref: branch, sha: reviewHead }, base: { ref: 'main', sha: s.baseSha }, files: [{ filename: file, status: 'added' }] });
    s.fake.addReview(26, { login: 'ada-gh', state: 'APPROVED', commit_id: reviewHead });
    // A collector without the campaign-origin check, given a control ada owns: the review file hashed from git at the head.
    const mallory = await s.sandbox.clone('mallory');
    const facts = await fetchPullRequestFacts(s.client, { repository, pullNumber: 26, now, needsPermissions: () => false });
    const sha256 = sha256Hex((await readFileAtCommit(mallory.git, reviewHead, file))!);
    const decision = decideAccessReview(facts, { path: file, sha256, text }, model, control, snapshots);
    expect(decision.exceptions).toEqual([]);
    const [forged] = await appendEvidence(mallory.git, buildUnsealedRecords('access-review-approval', [decision.approval!], { facts, recordedAt: '2026-03-05T12:01:00Z', toolVersion: '0.1.0' }), COLLECTOR).then((r) => r.appended.map((x) => x.record.id));
    expect((await verifyEvidenceBranch(runner.git, location)).problems).toEqual([]);

    const check = await crossCheck();
    expect(check.records.find((r) => r.record === forged)).toEqual({
      record: forged,
      kind: 'access-review-approval',
      outcome: 'not-confirmed',
      reasons: [`Record \`${forged}\` names a pull request the collector does not count as a campaign; GitHub says pull request #26 comes from branch \`${branch}\` of mallory/program, a fork, so it is not an access review pull request: only a branch of acme/program is`],
    });
  });
});
