/**
 * The evidence store against a remote served over smart HTTP that requires a token, with the
 * credentials laid out as actions/checkout (v6 and later) leaves them when it persists them: the
 * `AUTHORIZATION` header in a config file of its own under RUNNER_TEMP, included from the
 * repository's config by `includeIf.gitdir` for the repository and for its worktrees. The store
 * builds its commit in a temporary worktree but fetches and pushes in the checkout, so the header
 * the checkout sees is enough.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { UnsealedRecord } from '@evident/core';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { simpleGit } from 'simple-git';
import { startGitHttpServer, type GitHttpServer } from '../../../scripts/bench/git-http-server.mjs';
import { createGitSandbox, seedProgram, type Clone, type GitSandbox } from '../test/git-sandbox.js';
import { appendEvidence, EvidencePushError, type AppendOptions } from './evidence-store.js';
import { verifyEvidenceBranch } from './verify-evidence-branch.js';

/** git run directly, as actions/checkout runs it (simple-git refuses to write `includeIf`). */
const git = (cwd: string, ...args: string[]) => promisify(execFile)('git', args, { cwd });

const TOKEN = 'ghs_loopbackTokenForEvidenceStoreTests0001';
const options: AppendOptions = { remote: 'origin', branch: 'evidence', committer: { name: 'Evidence Bot', email: 'bot@example.com' } };

const record = (n: number): UnsealedRecord => ({
  schema_version: 1,
  id: `exception/acme/program/http/${n}`,
  kind: 'exception',
  repository: 'acme/program',
  recorded_at: '2026-03-01T00:00:00Z',
  subject: { reason: 'test', detail: `record ${n}` },
  provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: '2026-03-01T00:00:00Z', api_calls: [] },
});

describe('the evidence store over authenticated HTTP, with credentials as actions/checkout persists them', () => {
  let sandbox: GitSandbox;
  let a: Clone;
  let server: GitHttpServer;
  let runnerTemp: string;
  let credentials: string;

  beforeEach(async () => {
    sandbox = await createGitSandbox();
    a = await sandbox.clone('a');
    await seedProgram(a);
    server = await startGitHttpServer({ repositories: { 'acme/program': sandbox.remote }, push: true, token: TOKEN });
    runnerTemp = await mkdtemp(path.join(tmpdir(), 'evident-runner-temp-'));
    credentials = path.join(runnerTemp, 'git-credentials-0b1c.config');
    const header = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`;
    await git(runnerTemp, 'config', '--file', credentials, `http.${server.url}/.extraheader`, header);
    const gitDir = path.join(a.dir, '.git');
    await git(a.dir, 'remote', 'set-url', 'origin', `${server.url}/acme/program`);
    await git(a.dir, 'config', `includeIf.gitdir:${gitDir}.path`, credentials);
    await git(a.dir, 'config', `includeIf.gitdir:${gitDir}/worktrees/*.path`, credentials);
  });
  afterEach(async () => {
    await server.close();
    await rm(runnerTemp, { recursive: true, force: true });
    await sandbox.cleanup();
  });

  it('fetches, appends and pushes with the persisted header', async () => {
    const first = await appendEvidence(a.git, [record(1)], options);
    const second = await appendEvidence(a.git, [record(2), record(3)], options);
    expect(second.appended.map((x) => x.record.sequence)).toEqual([2, 3]);
    expect((await simpleGit(sandbox.remote).revparse(['refs/heads/evidence'])).trim()).toBe(second.commit);
    expect(first.commit).not.toBe(second.commit);
    expect(await verifyEvidenceBranch(a.git, options)).toMatchObject({ records: 3, problems: [] });
    expect(server.stats.unauthorized).toBe(0);
    expect(server.stats.failures).toBe(0);
    // The token stays in the credentials file: the repository's own config only points at it.
    expect(await readFile(path.join(a.dir, '.git/config'), 'utf8')).not.toContain(Buffer.from(`x-access-token:${TOKEN}`).toString('base64'));
  });

  it('pushes in the checkout, so the header included for the checkout alone is enough', async () => {
    await git(a.dir, 'config', '--unset', `includeIf.gitdir:${path.join(a.dir, '.git')}/worktrees/*.path`);
    const result = await appendEvidence(a.git, [record(1)], options);
    expect((await simpleGit(sandbox.remote).revparse(['refs/heads/evidence'])).trim()).toBe(result.commit);
    expect(server.stats.unauthorized).toBe(0);
  });

  it('fails with a clear error naming no secret when the remote refuses the push', async () => {
    // Pushes go to a server that wants another token, with this one in the push URL.
    const refusing = await startGitHttpServer({ repositories: { 'acme/program': sandbox.remote }, push: true, token: 'ghs_anotherTokenTheServerWants000000002' });
    try {
      const pushUrl = new URL(`${refusing.url}/acme/program`);
      pushUrl.username = 'x-access-token';
      pushUrl.password = TOKEN;
      await git(a.dir, 'config', 'remote.origin.pushurl', pushUrl.href);
      const failure = await appendEvidence(a.git, [record(1)], options).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(EvidencePushError);
      const message = (failure as Error).message;
      expect(message).toMatch(/^Cannot push to evidence branch `evidence` on `origin`: /);
      expect(message).not.toContain(TOKEN);
      expect(message).not.toContain(Buffer.from(`x-access-token:${TOKEN}`).toString('base64'));
      // The fetch was let in; only the push was turned away, and nothing landed.
      expect(server.stats.unauthorized).toBe(0);
      expect(refusing.stats.unauthorized).toBeGreaterThan(0);
      expect(await simpleGit(sandbox.remote).raw(['for-each-ref', 'refs/heads/evidence'])).toBe('');
    } finally {
      await refusing.close();
    }
  });
});
