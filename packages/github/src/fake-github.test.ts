import { describe, expect, it } from '@jest/globals';
import { FakeGitHub } from '../test/fake-github/fake-github.js';
import { createOpenApiValidator, rewriteNullable } from '../test/fake-github/openapi-validator.js';
import { callGitHub } from './call-github.js';
import { createOctokit } from './create-octokit.js';

describe('the fake GitHub checks itself against the OpenAPI description', () => {
  it('fails the test that made it serve a response the schema rejects', async () => {
    const fake = await FakeGitHub.start({ token: 't' });
    fake.addPull({ number: 1, author: 'a', head: { ref: 'h', sha: 'a'.repeat(40) }, base: { ref: 'main', sha: 'b'.repeat(40) } });
    // A "fault" that answers 200 with an error body: not a pull request.
    fake.injectFault({ path: /\/pulls\/1$/, times: 1, response: { status: 200, message: 'not a pull request' } });
    await callGitHub(createOctokit({ token: 't', baseUrl: fake.baseUrl }), [], 'GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner: 'acme', repo: 'program', pull_number: 1 });
    await expect(fake.stop()).rejects.toThrow(/pulls\/get 200: \/ must have required property/);
  });

  it('validates objects it builds for every operation it serves', () => {
    const validator = createOpenApiValidator();
    expect(validator.validate('pulls/list-reviews', 200, [{ id: 1 }])).toEqual(expect.arrayContaining([expect.stringContaining("must have required property 'node_id'")]));
    expect(validator.validate('repos/get-collaborator-permission-level', 404, { message: 'Not Found', documentation_url: 'https://docs.github.com' })).toEqual([]);
    expect(validator.validate('pulls/get', 201, {})).toEqual(['pulls/get does not document HTTP 201']);
  });

  it('rewrites OpenAPI nullable into JSON Schema', () => {
    expect(rewriteNullable({ type: 'string', nullable: true, enum: ['a'] })).toEqual({ type: ['string', 'null'], enum: ['a', null] });
    expect(rewriteNullable({ nullable: true, allOf: [{ $ref: '#/x' }] })).toEqual({ anyOf: [{ allOf: [{ $ref: '#/x' }] }, { type: 'null' }] });
    expect(rewriteNullable({ properties: { a: { type: 'integer', nullable: false } } })).toEqual({ properties: { a: { type: 'integer' } } });
  });
});
