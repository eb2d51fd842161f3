import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createValidators, recordFileName, sealRecord, type AcknowledgmentSubject, type EvidenceRecord, type ExceptionSubject, type RepositoryModel, type UnsealedRecord } from '@evident/core';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clone } from '../../test/git-sandbox.js';
import { commitAll, writeFiles } from '../../test/git-sandbox.js';
import { tamperer } from '../../test/evidence-branch.js';
import { loadModel, startScenario, type PolicyScenario } from '../../test/pull-request-scenario.js';
import { renderAcknowledgmentManifest } from '../acknowledgment-manifest.js';
import { collectEvidence } from '../collect-evidence.js';
import { readEvidenceChain } from '../read-evidence-chain.js';
import { policyFromBytes } from '../read-policy-at-commit.js';
import { verifyEvidenceBranch } from '../verify-evidence-branch.js';
import { crossCheckEvidence } from './cross-check-evidence.js';

const FILE = 'policies/access-control.md';
const location = { remote: 'origin', branch: 'evidence' };

/**
 * Someone with push access turns the approval of a reviewer who is not on the roster (recorded as an
 * `unknown-reviewer` exception) into an acknowledgment by a roster person, under the id the collector
 * would give it: the chain verifies, so only the cross-check can tell.
 */
describe('a forged acknowledgment appended to the evidence branch', () => {
  let s: PolicyScenario;
  let runner: Clone;
  let model: RepositoryModel;
  let head: string;
  let reviewId: number;
  let policy: ReturnType<typeof policyFromBytes>;

  beforeEach(async () => {
    s = await startScenario();
    runner = await s.sandbox.clone('runner');
    model = await loadModel(runner.dir);
    policy = policyFromBytes(await readFile(path.join(s.dev.dir, FILE)), FILE, s.baseSha, createValidators());
    await s.dev.git.checkout(['-b', 'evident/acknowledge/all-x']);
    await writeFiles(s.dev.dir, { '.evident/acknowledgments/all-x.json': renderAcknowledgmentManifest({ schema_version: 1, campaign: 'all-x', base: { ref: 'main', commit: s.baseSha }, policies: [{ id: policy.data!.id, version: policy.data!.version, path: FILE, sha256: policy.sha256 }] }) });
    head = await commitAll(s.dev, 'Ask for acknowledgments');
    await s.dev.git.push('origin', 'evident/acknowledge/all-x');
    s.fake.addPull({ number: 22, title: 'Acknowledge', author: 'evident-bot', head: { ref: 'evident/acknowledge/all-x', sha: head }, base: { ref: 'main', sha: s.baseSha }, files: [{ filename: '.evident/acknowledgments/all-x.json', status: 'added' }] });
    reviewId = s.fake.addReview(22, { login: 'outsider-gh', state: 'APPROVED', commit_id: head });
  });
  afterEach(async () => s.cleanup());

  const collect = () => collectEvidence(s.client, { repository: { owner: 'acme', repo: 'program' }, pullNumber: 22, model, git: runner.git, committer: { name: 'Evidence Bot', email: 'bot@example.com' }, now: () => new Date('2026-03-05T12:00:00Z'), toolVersion: '0.1.0' });

  /** Append a policy-acknowledgment for the outsider's review, `edit` applied, on top of the chain. */
  async function forge(edit: (subject: AcknowledgmentSubject) => void = () => {}): Promise<string> {
    const collected = await collect();
    const exception = collected.records.find((r) => r.id === `exception/acme/program/pr-22/unknown-reviewer/review-${reviewId}`)!.subject as ExceptionSubject;
    const subject: AcknowledgmentSubject = { pull_request: exception.pull_request!, policies: [{ id: policy.data!.id, version: policy.data!.version, path: FILE, commit: head, sha256: policy.sha256 }], acknowledgments: [{ ...exception.reviews![0]!, person: 'grace' }] };
    edit(subject);
    const id = `policy-acknowledgment/acme/program/pr-22/review-${reviewId}`;
    const unsealed: UnsealedRecord = { schema_version: 1, id, kind: 'policy-acknowledgment', repository: 'acme/program', recorded_at: '2026-03-05T12:01:00Z', subject, provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: '2026-03-05T12:00:00Z', api_calls: [] } };
    const chain = await readEvidenceChain(runner.git, location);
    const forged = sealRecord(unsealed, chain.stored.at(-1)!.record);
    const mallory = await tamperer(s.sandbox);
    await mallory.write(recordFileName(forged), forged);
    await mallory.push('Add 1 evidence record');
    expect((await verifyEvidenceBranch(runner.git, location)).problems).toEqual([]);
    return id;
  }

  const crossCheck = async () => {
    const records = (await readEvidenceChain(runner.git, location)).stored.map((x) => x.record as EvidenceRecord);
    return crossCheckEvidence(s.client, records, { repository: { owner: 'acme', repo: 'program' }, git: runner.git, remote: 'origin', api: s.fake.baseUrl, now: () => new Date('2026-03-06T00:00:00Z') });
  };

  it('is not confirmed: the reviewer is nobody on the roster at the base commit', async () => {
    const id = await forge();
    const check = await crossCheck();
    expect(check.records.find((r) => r.record === id)).toEqual({
      record: id,
      kind: 'policy-acknowledgment',
      outcome: 'not-confirmed',
      reasons: [`Record \`${id}\` says \`person\` of review ${reviewId} by \`outsider-gh\` is \`"grace"\`; the roster at the base commit \`${s.baseSha.slice(0, 12)}\` says \`null\``],
    });
    // The collector's own exception is confirmed.
    expect(check.records.find((r) => r.record !== id)).toMatchObject({ outcome: 'confirmed' });
  });

  it('is not confirmed when it names another version of the policy than the file and the manifest at the reviewed commit', async () => {
    const id = await forge((subject) => {
      subject.policies[0]!.version = '9.9';
      subject.acknowledgments[0]!.person = null;
    });
    const check = await crossCheck();
    expect(check.records.find((r) => r.record === id)!.reasons).toEqual([
      `Record \`${id}\` says \`${FILE}\` at \`${head.slice(0, 12)}\` is version \`9.9\` of \`access-control\`; its frontmatter says \`${policy.data!.version}\``,
      `Record \`${id}\` says review ${reviewId} acknowledged \`access-control@9.9\`; the manifest at \`${head.slice(0, 12)}\` names \`access-control@${policy.data!.version}\``,
    ]);
  });
});
