import { describe, expect, it } from '@jest/globals';
import { parsePolicyLog, pullRequestOf } from './parse-policy-log.js';

describe('parsePolicyLog', () => {
  it('reads commits with their policy files from git log output', () => {
    const output = [
      '\x1eaaa111\x1fDana\x1fdana@example.com\x1f2026-07-02T10:00:00+00:00\x1f2026-07-02T11:00:00+00:00\x1fTighten MFA (#12)\x1fbody\x1f\n\nM\tpolicies/access-control.md\nA\tpolicies/new.md\n',
      '\x1ebbb222\x1fMarcus\x1fm@example.com\x1f2026-07-01T10:00:00+00:00\x1f2026-07-01T10:00:00+00:00\x1fMerge pull request #9 from org/branch\x1f\x1f\n\nD\tpolicies/old.md\n',
    ].join('');
    expect(parsePolicyLog(output)).toEqual([
      { commit: 'aaa111', author: 'Dana', email: 'dana@example.com', authored_at: '2026-07-02T10:00:00+00:00', committed_at: '2026-07-02T11:00:00+00:00', subject: 'Tighten MFA (#12)', pull_request: 12, files: [{ status: 'M', path: 'policies/access-control.md' }, { status: 'A', path: 'policies/new.md' }] },
      { commit: 'bbb222', author: 'Marcus', email: 'm@example.com', authored_at: '2026-07-01T10:00:00+00:00', committed_at: '2026-07-01T10:00:00+00:00', subject: 'Merge pull request #9 from org/branch', pull_request: 9, files: [{ status: 'D', path: 'policies/old.md' }] },
    ]);
  });

  it('finds the pull request in a merge subject, a squash title or a trailer', () => {
    expect(pullRequestOf('Merge pull request #7 from a/b', '')).toBe(7);
    expect(pullRequestOf('Update policy (#42)', '')).toBe(42);
    expect(pullRequestOf('Update policy', 'Reviewed\n\nPR: #5')).toBe(5);
    expect(pullRequestOf('Direct push to main', '')).toBeNull();
  });
});
