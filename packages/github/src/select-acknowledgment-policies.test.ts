import { describe, expect, it } from '@jest/globals';
import type { Policy } from '@evident/core';
import { selectAcknowledgmentPolicies } from './acknowledgment-audience.js';

const policy = (id: string, status: string, acknowledgment = true) => ({ id, status, ...(acknowledgment ? { acknowledgment: { audience: ['all'], within_days: 30 } } : {}) }) as unknown as Policy;
const model = { policies: [policy('access-control', 'approved'), policy('acceptable-use', 'draft'), policy('old-backup', 'retired'), policy('security', 'approved', false)] };

describe('selectAcknowledgmentPolicies', () => {
  it('takes the approved policies that name an audience, with --all', () => {
    expect(selectAcknowledgmentPolicies(model, 'all')).toEqual({ policies: [model.policies[0]], problems: [] });
  });

  it('refuses a named policy that is not approved, or names no audience, as --all would leave it out', () => {
    const { policies, problems } = selectAcknowledgmentPolicies(model, ['access-control', 'acceptable-use', 'old-backup', 'security', 'nowhere']);
    expect(policies.map((p) => p.id)).toEqual(['access-control']);
    expect(problems).toEqual([
      'Unexpected policy `acceptable-use` with `status: draft`, expected an approved policy: people acknowledge a policy once it is approved',
      'Unexpected policy `old-backup` with `status: retired`, expected an approved policy: people acknowledge a policy once it is approved',
      'Unexpected policy `security` without an `acknowledgment` field, expected a policy that names its audience',
      'Unexpected policy `nowhere`, expected an id from the policies folder',
    ]);
  });
});
