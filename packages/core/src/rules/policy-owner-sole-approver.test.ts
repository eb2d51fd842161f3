import { describe, expect, it } from '@jest/globals';
import { checkFixture, NO_FINDINGS } from '../../test/check-fixture.js';

describe('policy/owner-sole-approver', () => {
  it('reports policies whose approvers all are, or belong to, the owner', async () => {
    const { text } = await checkFixture('policy-owner-sole-approver', 'not-ok', 'policy/owner-sole-approver');
    expect(text).toBe(
      [
        'policies/access-control.md',
        '  policies/access-control.md:7:12 error Unexpected approvers of `access-control` who are all its owner `ada-lovelace`, expected at least one approver other than the owner [policy/owner-sole-approver]',
        '',
        'policies/encryption.md',
        '  policies/encryption.md:7:12 error Unexpected approvers of `encryption` who are all its owner `security`, expected at least one approver other than the owner [policy/owner-sole-approver]',
        '',
        '2 errors, 0 warnings, 0 info',
        '',
      ].join('\n'),
    );
  });

  it('finds nothing when someone other than the owner can approve', async () => {
    const { diagnostics, allText } = await checkFixture('policy-owner-sole-approver', 'ok', 'policy/owner-sole-approver');
    expect(diagnostics).toEqual([]);
    expect(allText).toBe(NO_FINDINGS);
  });
});
