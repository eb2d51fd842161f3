import { describe, expect, it } from '@jest/globals';
import { baseFromEvent } from './event-base.js';

const sha = '0123456789abcdef0123456789abcdef01234567';

describe('baseFromEvent', () => {
  it('takes the base commit of a pull request, and its head commit', () => {
    expect(baseFromEvent('pull_request', { pull_request: { base: { sha, ref: 'main' } } })).toEqual({ ref: sha, label: 'main' });
    const head = 'f'.repeat(40);
    expect(baseFromEvent('pull_request', { pull_request: { base: { sha, ref: 'main' }, head: { sha: head } } })).toEqual({ ref: sha, label: 'main', headSha: head });
    expect(baseFromEvent('pull_request', { pull_request: { base: { sha, ref: 'main' }, head: { sha: 'not-a-sha' } } })).toEqual({ ref: sha, label: 'main' });
  });

  it('takes the base of a merge queue entry', () => {
    expect(baseFromEvent('merge_group', { merge_group: { base_sha: sha, base_ref: 'refs/heads/release' } })).toEqual({ ref: sha, label: 'release' });
  });

  it('has no base for other events or incomplete payloads', () => {
    expect(baseFromEvent('push', { after: sha })).toBeUndefined();
    expect(baseFromEvent('merge_group', {})).toBeUndefined();
    expect(baseFromEvent('pull_request', { pull_request: { base: { sha: 42 } } })).toBeUndefined();
    expect(baseFromEvent(undefined, undefined)).toBeUndefined();
  });

  it('labels the base by its SHA when the branch name is missing', () => {
    expect(baseFromEvent('pull_request', { pull_request: { base: { sha } } })).toEqual({ ref: sha, label: '0123456789ab' });
  });
});
