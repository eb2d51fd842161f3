import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { sha256Hex, type RepositoryModel } from '@evident/core';
import { createOctokit } from './create-octokit.js';
import { FakeGitHub } from '../test/fake-github/fake-github.js';
import { commitAll, createGitSandbox, programFiles, seedProgram, writeFiles, type GitSandbox, type Clone } from '../test/git-sandbox.js';
import { loadModel } from '../test/pull-request-scenario.js';
import { selectAcknowledgmentPolicies } from './acknowledgment-audience.js';
import { parseAcknowledgmentManifest } from './acknowledgment-manifest.js';
import { GitHubRequestError } from './github-request-error.js';
import { requestAcknowledgments, type RequestAcknowledgmentsOptions } from './request-acknowledgments.js';

const TOKEN = 'ghs_ackRequestToken_8c2d';
const FILES = ['evident.yaml', 'people.yaml', 'policies/access-control.md', 'policies/incident-response.md'];

describe('evident ack request against the fake GitHub', () => {
  let sandbox: GitSandbox;
  let dev: Clone;
  let fake: FakeGitHub;
  let model: RepositoryModel;
  let baseSha: string;

  beforeEach(async () => {
    sandbox = await createGitSandbox();
    dev = await sandbox.clone('dev');
    baseSha = await seedProgram(dev);
    model = await loadModel(dev.dir);
    fake = await FakeGitHub.start({ token: TOKEN, tokenLogin: 'evident-bot' });
    for (const login of ['ada-gh', 'grace-gh', 'margaret-gh', 'linus-gh', 'barbara-gh', 'ken-gh']) fake.addUser(login, 'read');
    fake.setBranch('main', baseSha, await programFiles(dev.dir, FILES));
  });
  afterEach(async () => {
    try {
      await fake.stop();
    } finally {
      await sandbox.cleanup();
    }
  });

  const run = (extra: Partial<RequestAcknowledgmentsOptions> = {}) =>
    requestAcknowledgments(createOctokit({ token: TOKEN, baseUrl: fake.baseUrl, retries: 1, retryBaseMs: 1, writeIntervalMs: 0 }), {
      repository: { owner: 'acme', repo: 'program' },
      model,
      policies: selectAcknowledgmentPolicies(model, 'all').policies,
      label: 'all',
      today: '2026-03-01',
      ...extra,
    });
  const writes = () => fake.requests.filter((r) => r.method !== 'GET');

  it('opens a pull request that names the policy versions and asks the active audience', async () => {
    const result = await run();
    expect(result.pull).toMatchObject({ number: 1, created: true, updated: false });
    expect(result.requested.sort()).toEqual(['ada-gh', 'barbara-gh', 'grace-gh', 'linus-gh', 'margaret-gh']); // ken-gh left
    const pull = fake.pull(1)!;
    expect(pull.head.ref).toBe(result.campaign.branch);
    expect(result.campaign.branch).toMatch(/^evident\/acknowledge\/all-[0-9a-f]{8}$/);
    const manifest = parseAcknowledgmentManifest(fake.fileAt(result.campaign.branch, result.campaign.manifestPath)!.toString('utf8'));
    const files = await programFiles(dev.dir, FILES);
    expect(manifest).toEqual({
      schema_version: 1,
      campaign: result.campaign.key,
      base: { ref: 'main', commit: baseSha },
      policies: [
        { id: 'access-control', version: '1.0', path: 'policies/access-control.md', sha256: sha256Hex(files['policies/access-control.md']!) },
        { id: 'incident-response', version: '2.1', path: 'policies/incident-response.md', sha256: sha256Hex(files['policies/incident-response.md']!) },
      ],
    });
    expect(pull.title).toBe(`Acknowledge 2 policies (${result.campaign.key})`);
    expect(pull.body).toContain('**approve this pull request**');
    expect(pull.body).toContain(`| [Access Control Policy](https://github.com/acme/program/blob/${baseSha}/policies/access-control.md) | 1.0 | 30 days |`);
    expect(fake.requests.every((r) => r.authorized)).toBe(true);
  });

  it('is idempotent: running again writes nothing and asks nobody twice', async () => {
    await run();
    const before = writes().length;
    const again = await run();
    expect(again.pull).toMatchObject({ number: 1, created: false, updated: false });
    expect(again.requested).toEqual([]);
    expect(again.alreadyRequested.sort()).toEqual(['ada-gh', 'barbara-gh', 'grace-gh', 'linus-gh', 'margaret-gh']);
    expect(writes()).toHaveLength(before);
    expect(fake.pullNumbers()).toEqual([1]);
  });

  it('updates the description and asks newcomers, but not people who already acknowledged', async () => {
    const first = await run({ maxReviewRequests: 3 });
    expect(first.requested).toEqual(['ada-gh', 'grace-gh', 'margaret-gh']);
    expect(first.notRequested.map((n) => n.login)).toEqual(['linus-gh', 'barbara-gh']);
    fake.addReview(1, { login: 'ada-gh', state: 'APPROVED', commit_id: fake.pull(1)!.head.sha });
    fake.pull(1)!.body = 'edited by hand';
    const second = await run({ maxReviewRequests: 3 });
    expect(second).toMatchObject({ approved: ['ada-gh'], requested: ['linus-gh'], pull: { updated: true } });
    expect(fake.pull(1)!.body).toContain('## Policy acknowledgment');
  });

  it('does not ask the author of the pull request, who cannot approve it', async () => {
    const own = await FakeGitHub.start({ token: TOKEN, tokenLogin: 'linus-gh' });
    try {
      for (const login of ['ada-gh', 'grace-gh', 'margaret-gh', 'barbara-gh']) own.addUser(login, 'read');
      own.setBranch('main', baseSha, await programFiles(dev.dir, FILES));
      const result = await requestAcknowledgments(createOctokit({ token: TOKEN, baseUrl: own.baseUrl, retryBaseMs: 1, writeIntervalMs: 0 }), {
        repository: { owner: 'acme', repo: 'program' },
        model,
        policies: selectAcknowledgmentPolicies(model, ['incident-response']).policies,
        label: 'incident-response',
        today: '2026-03-01',
      });
      expect(result.requested).toEqual(['barbara-gh']);
      expect(result.notRequested).toEqual([{ login: 'linus-gh', reason: expect.stringContaining('opened the pull request') }]);
      expect(result.campaign.branch).toMatch(/^evident\/acknowledge\/incident-response-[0-9a-f]{8}$/);
    } finally {
      await own.stop();
    }
  });

  it('a new policy version opens a new campaign', async () => {
    const first = await run();
    await writeFiles(dev.dir, { 'policies/access-control.md': (await programFiles(dev.dir, ['policies/access-control.md']))['policies/access-control.md']!.toString().replace('version: "1.0"', 'version: "1.1"') });
    const next = await commitAll(dev, 'Access control 1.1');
    fake.setBranch('main', next, await programFiles(dev.dir, FILES));
    const second = await run();
    expect(second.campaign.branch).not.toBe(first.campaign.branch);
    expect(second.pull).toMatchObject({ number: 2, created: true });
    expect(second.manifest.policies.map((p) => `${p.id} ${p.version}`)).toEqual(['access-control 1.1', 'incident-response 2.1']);
  });

  it('names unknown policies and policies without an audience', () => {
    expect(selectAcknowledgmentPolicies(model, ['nope', 'access-control']).problems).toEqual(['Unexpected policy `nope`, expected an id from the policies folder']);
    const silent = { policies: [{ ...model.policies[0]!, acknowledgment: undefined }] };
    expect(selectAcknowledgmentPolicies(silent, [model.policies[0]!.id]).problems).toEqual([expect.stringContaining('without an `acknowledgment` field')]);
  });

  it('gives up with a named error when GitHub keeps failing', async () => {
    fake.injectFault({ method: 'POST', path: /requested_reviewers$/, times: 100, response: { status: 500, message: 'Server Error' } });
    await expect(run()).rejects.toBeInstanceOf(GitHubRequestError);
  });
});
