import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FakeGitHub } from '../test/fake-github/fake-github.js';
import { callGitHub, paginateGitHub, type ApiCallLog } from './call-github.js';
import { createOctokit, type FailedAttempt, type RateLimitNotice } from './create-octokit.js';
import { GitHubRequestError } from './github-request-error.js';

const TOKEN = 'ghs_faultInjectionToken0123456789';
const PULL = 'GET /repos/{owner}/{repo}/pulls/{pull_number}' as const;
const params = { owner: 'acme', repo: 'program', pull_number: 1 };

describe('createOctokit against the fake GitHub', () => {
  let fake: FakeGitHub;
  let attempts: FailedAttempt[];
  let limits: RateLimitNotice[];
  const client = (retries = 3, timeoutMs = 30_000) =>
    createOctokit({ token: TOKEN, baseUrl: fake.baseUrl, retries, retryBaseMs: 1, timeoutMs, writeIntervalMs: 0, onFailedAttempt: (a) => attempts.push(a), onRateLimit: (n) => limits.push(n) });
  const pullRequests = () => fake.requests.filter((r) => r.url === '/repos/acme/program/pulls/1');

  beforeEach(async () => {
    fake = await FakeGitHub.start({ token: TOKEN });
    fake.addPull({ number: 1, author: 'linus-gh', head: { ref: 'change', sha: 'a'.repeat(40) }, base: { ref: 'main', sha: 'b'.repeat(40) } });
    attempts = [];
    limits = [];
  });
  afterEach(async () => fake.stop());

  it.each([
    ['500', { status: 500, message: 'Server Error' }],
    ['502', { status: 502, message: 'Bad Gateway' }],
  ])('retries an HTTP %s and then succeeds', async (_name, response) => {
    fake.injectFault({ path: /\/pulls\/1$/, times: 2, response });
    const log: ApiCallLog = [];
    const { data } = await callGitHub(client(), log, PULL, params);
    expect(data.number).toBe(1);
    expect(pullRequests()).toHaveLength(3);
    expect(attempts.map((a) => a.status)).toEqual([response.status, response.status]);
    expect(log).toEqual([{ method: 'GET', route: '/repos/{owner}/{repo}/pulls/{pull_number}', path: '/repos/acme/program/pulls/1', status: 200 }]);
  });

  it('retries a dropped connection', async () => {
    fake.injectFault({ path: /\/pulls\/1$/, times: 1, response: 'drop' });
    const { data } = await callGitHub(client(), [], PULL, params);
    expect(data.number).toBe(1);
    expect(pullRequests()).toHaveLength(2);
    expect(attempts).toEqual([expect.objectContaining({ method: 'GET', error: expect.any(String) })]);
  });

  it('retries a request that times out', async () => {
    await callGitHub(client(), [], PULL, params); // the fake compiles its schema on first use: not part of the timeout
    fake.injectFault({ path: /\/pulls\/1$/, times: 1, response: 'hang' });
    const { data } = await callGitHub(client(3, 1500), [], PULL, params);
    expect(data.number).toBe(1);
    expect(attempts).toEqual([expect.objectContaining({ error: 'no answer within 1500 ms' })]);
    expect(pullRequests()).toHaveLength(3);
  });

  it('waits out a 429 with retry-after (secondary rate limit) and honours the header', async () => {
    fake.injectFault({ path: /\/pulls\/1$/, times: 1, response: { status: 429, headers: { 'retry-after': '3' }, message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' } });
    const { data } = await callGitHub(client(), [], PULL, params);
    expect(data.number).toBe(1);
    expect(pullRequests()).toHaveLength(2);
    expect(attempts).toEqual([expect.objectContaining({ status: 429, retryAfter: '3' })]);
    expect(limits).toEqual([expect.objectContaining({ kind: 'secondary', retryAfterSeconds: 3, willRetry: true })]);
  });

  it('waits out a 403 secondary rate limit with the documented message', async () => {
    fake.injectFault({
      path: /\/pulls\/1$/,
      times: 2,
      response: { status: 403, headers: { 'retry-after': '1', 'x-ratelimit-remaining': '4000' }, message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.' },
    });
    const { data } = await callGitHub(client(), [], PULL, params);
    expect(data.number).toBe(1);
    expect(pullRequests()).toHaveLength(3);
    expect(limits.map((n) => [n.kind, n.retryAfterSeconds])).toEqual([
      ['secondary', 1],
      ['secondary', 1],
    ]);
  });

  it('waits for the reset of an exhausted primary rate limit', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 2);
    fake.injectFault({ path: /\/pulls\/1$/, times: 1, response: { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, message: 'API rate limit exceeded for installation ID 1.' } });
    const { data } = await callGitHub(client(), [], PULL, params);
    expect(data.number).toBe(1);
    expect(pullRequests()).toHaveLength(2);
    expect(limits).toEqual([expect.objectContaining({ kind: 'primary', willRetry: true })]);
  });

  it('gives up after its retries with a named error that names the call and never the token', async () => {
    fake.injectFault({ path: /\/pulls\/1$/, times: 10, response: { status: 502, message: 'Bad Gateway' } });
    const error = await callGitHub(client(2), [], PULL, params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubRequestError);
    expect(error).toMatchObject({ name: 'GitHubRequestError', status: 502, route: '/repos/{owner}/{repo}/pulls/{pull_number}' });
    expect((error as Error).message).toContain('HTTP 502');
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain(TOKEN);
    expect(pullRequests()).toHaveLength(3);
  });

  it('gives up on a secondary rate limit that never lifts', async () => {
    fake.injectFault({ path: /\/pulls\/1$/, times: 10, response: { status: 403, headers: { 'retry-after': '1' }, message: 'You have exceeded a secondary rate limit.' } });
    const error = await callGitHub(client(2), [], PULL, params).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'GitHubRequestError', status: 403 });
    expect(pullRequests()).toHaveLength(3);
    expect(limits.map((n) => n.willRetry)).toEqual([true, true, false]);
  });

  it('does not retry a 404 and reports a bad token as such', async () => {
    const missing = await callGitHub(client(), [], PULL, { ...params, pull_number: 99 }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: 'GitHubRequestError', status: 404 });
    const unauthorized = await callGitHub(createOctokit({ token: 'wrong', baseUrl: fake.baseUrl, retryBaseMs: 1 }), [], PULL, params).catch((e: unknown) => e);
    expect((unauthorized as Error).message).toContain('check GITHUB_TOKEN');
    expect(fake.requests.filter((r) => r.url.endsWith('/pulls/99'))).toHaveLength(1);
  });

  it('reads every page of a list and logs each page for provenance', async () => {
    for (let i = 0; i < 230; i += 1) fake.addReview(1, { login: 'ada-gh', state: 'COMMENTED', commit_id: 'a'.repeat(40) });
    const log: ApiCallLog = [];
    const reviews = await paginateGitHub(client(), log, 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', params);
    expect(reviews).toHaveLength(230);
    expect(log.map((c) => c.path)).toEqual([
      '/repos/acme/program/pulls/1/reviews?per_page=100',
      '/repos/acme/program/pulls/1/reviews?per_page=100&page=2',
      '/repos/acme/program/pulls/1/reviews?per_page=100&page=3',
    ]);
    expect(fake.requests.every((r) => r.authorized)).toBe(true);
  });
});
