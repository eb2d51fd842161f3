import { describe, expect, it } from '@jest/globals';
import type { PullRequestRef, ReviewRef } from '@evident/core';
import { comparePullRequest, compareReviews } from './compare-pull-request.js';
import type { PullFacts } from './cross-check-facts.js';

const HEAD = 'a'.repeat(40);
const MERGE = 'c'.repeat(40);
const claimed: PullRequestRef = { number: 7, url: 'https://github.com/acme/program/pull/7', title: 't', author: 'ken-gh', head_sha: HEAD, merge_commit_sha: MERGE, merged_at: '2026-03-02T09:00:00Z', merged_by: 'ada-gh' };
const facts: PullFacts = {
  pull: { number: 7, author: 'ken-gh', merged: true, merged_at: '2026-03-02T09:00:00Z', merged_by: 'ada-gh', merge_commit_sha: MERGE, head_sha: HEAD, head_ref: 'x', base_sha: 'b'.repeat(40) },
  reviews: [{ id: 5, login: 'ken-gh', state: 'APPROVED', submitted_at: '2026-03-01T10:00:00Z', commit_id: HEAD }],
};
const review: ReviewRef = { reviewer: 'ken-gh', person: 'ken', review_id: 5, state: 'APPROVED', submitted_at: '2026-03-01T10:00:00Z', commit_id: HEAD };

describe('logins in the cross-check', () => {
  it('are the same account in another ASCII case', () => {
    expect(comparePullRequest('r', 'acme/program', { ...claimed, author: 'KEN-gh', merged_by: 'Ada-GH' }, 'merged', facts)).toEqual([]);
    expect(compareReviews('r', 7, [{ ...review, reviewer: 'Ken-GH' }], true, facts)).toEqual([]);
  });

  it('are not the same account when a letter is a look-alike: the Kelvin sign (U+212A) is not `k`', () => {
    expect('\u212Aen-gh'.toLowerCase()).toBe('ken-gh');
    expect(comparePullRequest('r', 'acme/program', { ...claimed, author: '\u212Aen-gh' }, 'merged', facts)).toEqual(['Record `r` says `author` of pull request #7 is `\u212Aen-gh`; GitHub says `ken-gh`']);
    expect(compareReviews('r', 7, [{ ...review, reviewer: '\u212Aen-gh' }], true, facts)).toEqual([
      'Record `r` says review 5 by `\u212Aen-gh` approved at `aaaaaaaaaaaa`; GitHub says review 5 on pull request 7 is by `ken-gh`',
    ]);
  });
});
