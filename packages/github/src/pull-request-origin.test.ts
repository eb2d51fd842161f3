import { describe, expect, it } from '@jest/globals';
import { campaignOriginRefusal, type PullRequestOrigin } from './pull-request-origin.js';

const facts = { repository: 'acme/program', pull: { number: 7, head_ref: 'evident/acknowledge/all-1234abcd', base_ref: 'main' } } as Parameters<typeof campaignOriginRefusal>[0];
const origin = (over: Partial<PullRequestOrigin> = {}): PullRequestOrigin => ({ head_repository: 'acme/program', base_repository: 'acme/program', default_branch: 'main', ...over });
const what = 'an acknowledgment pull request';

describe('campaignOriginRefusal', () => {
  it('accepts a branch of the repository itself that targets the default branch', () => {
    expect(campaignOriginRefusal(facts, origin(), what)).toBeUndefined();
  });

  it('refuses a fork, a deleted head repository and another base branch, naming each', () => {
    expect(campaignOriginRefusal(facts, origin({ head_repository: 'mallory/program' }), what)).toBe(
      'pull request #7 comes from branch `evident/acknowledge/all-1234abcd` of mallory/program, a fork, so it is not an acknowledgment pull request: only a branch of acme/program is',
    );
    expect(campaignOriginRefusal(facts, origin({ head_repository: null }), what)).toBe(
      'pull request #7 comes from branch `evident/acknowledge/all-1234abcd` of a repository that no longer exists, so it is not an acknowledgment pull request: only a branch of acme/program is',
    );
    expect(campaignOriginRefusal(facts, origin({ default_branch: 'trunk' }), what)).toBe('pull request #7 targets `main`, not the default branch `trunk`, so it is not an acknowledgment pull request');
  });

  it('compares repository names exactly: a fork named like the repository in other letters is still a fork', () => {
    expect(campaignOriginRefusal(facts, origin({ head_repository: 'ACME/program' }), what)).toContain('of ACME/program, a fork');
    // The caller may spell the repository in other letters (GitHub accepts it): the base is the repository GitHub names.
    expect(campaignOriginRefusal({ ...facts, repository: 'Acme/Program' }, origin(), what)).toBeUndefined();
  });
});
