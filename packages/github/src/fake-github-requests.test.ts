/**
 * The fake GitHub validates what Evident sends, as it validates what it serves: each request's
 * path and query parameters and JSON body against the operation in GitHub's OpenAPI description.
 */
import { describe, expect, it } from '@jest/globals';
import { FakeGitHub } from '../test/fake-github/fake-github.js';
import { createOpenApiValidator } from '../test/fake-github/openapi-validator.js';
import { callGitHub } from './call-github.js';
import { createOctokit } from './create-octokit.js';

const send = (fake: FakeGitHub, method: string, url: string, body?: unknown) =>
  fetch(`${fake.baseUrl}${url}`, { method, headers: { authorization: 'token t', 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

describe('the fake GitHub checks requests against the OpenAPI description', () => {
  it('accepts the requests Octokit makes for Evident', async () => {
    const fake = await FakeGitHub.start({ token: 't' });
    fake.addPull({ number: 1, author: 'a', head: { ref: 'h', sha: 'a'.repeat(40) }, base: { ref: 'main', sha: 'b'.repeat(40) } });
    fake.setBranch('main', 'b'.repeat(40), {});
    fake.setBranch('ack', 'c'.repeat(40), {});
    const octokit = createOctokit({ token: 't', baseUrl: fake.baseUrl });
    await callGitHub(octokit, [], 'GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner: 'acme', repo: 'program', pull_number: 1 });
    await callGitHub(octokit, [], 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', { owner: 'acme', repo: 'program', pull_number: 1, per_page: 100 });
    await callGitHub(octokit, [], 'POST /repos/{owner}/{repo}/pulls', { owner: 'acme', repo: 'program', title: 'Acknowledge', head: 'ack', base: 'main', body: 'Please approve.' });
    expect(fake.invalidRequests).toEqual([]);
    await fake.stop();
  });

  it('fails the test whose code sent a body, a query or a path parameter the operation does not take', async () => {
    const fake = await FakeGitHub.start({ token: 't' });
    fake.addPull({ number: 1, author: 'a', head: { ref: 'h', sha: 'a'.repeat(40) }, base: { ref: 'main', sha: 'b'.repeat(40) } });
    await send(fake, 'POST', '/repos/acme/program/pulls', { title: 7, head: 'ack', base: 'main' });
    await send(fake, 'GET', '/repos/acme/program/pulls/1/reviews?per_page=many&order=asc');
    await send(fake, 'PATCH', '/repos/acme/program/pulls/1', { state: 'merged' });
    expect(fake.invalidRequests).toEqual([
      expect.stringMatching(/^pulls\/create request body: \/title must be string/),
      expect.stringMatching(/^pulls\/list-reviews request query: \/ must NOT have additional properties .*order/),
      expect.stringMatching(/^pulls\/list-reviews request query: \/per_page must be integer/),
      expect.stringMatching(/^pulls\/update request body: \/state must be equal to one of the allowed values/),
    ]);
    await expect(fake.stop()).rejects.toThrow(/^Evident sent requests that do not match the OpenAPI description:\npulls\/create request body/);
  });

  it('reads path parameters with slashes where GitHub allows them, and types the others', () => {
    const validator = createOpenApiValidator();
    const query = new URLSearchParams();
    expect(validator.validateRequest('repos/get-content', { pathname: '/repos/acme/program/contents/policies/a b.md', query: new URLSearchParams('ref=evident/evidence'), body: undefined })).toEqual([]);
    expect(validator.validateRequest('git/get-ref', { pathname: '/repos/acme/program/git/ref/heads/evident/evidence', query, body: undefined })).toEqual([]);
    expect(validator.validateRequest('pulls/get', { pathname: '/repos/acme/program/pulls/x1', query, body: undefined })).toEqual([expect.stringMatching(/^pulls\/get request path: \/pull_number must be integer/)]);
    expect(validator.validateRequest('pulls/get', { pathname: '/repos/acme/program/pulls/1', query, body: { a: 1 } })).toEqual(['pulls/get request: expected no body']);
    expect(validator.validateRequest('git/create-ref', { pathname: '/repos/acme/program/git/refs', query, body: undefined })).toEqual(['git/create-ref request: expected a JSON body']);
  });
});
