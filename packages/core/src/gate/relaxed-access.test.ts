import { describe, expect, it } from '@jest/globals';
import { withDefaults, type EvidentConfig } from '../config/config.js';
import { detectWeakening } from './detect-weakening.js';
import { relaxedAccess } from './relaxed-access.js';

const config = (access?: Record<string, unknown>): EvidentConfig =>
  withDefaults({
    organization: { name: 'Example Co', security_officer: 'ada-lovelace' },
    frameworks: [{ id: 'soc2', categories: ['security'] }],
    audit: { type: 'type1', as_of: '2026-06-30' },
    ...(access ? { access } : {}),
  });

describe('relaxedAccess', () => {
  it('names admin_roles removed, a role added to them, and review_control moved, through detectWeakening', () => {
    const base = config({ admin_roles: ['security-officer'], review_control: 'AC-08' });
    expect(detectWeakening(base, config({ admin_roles: ['security-officer', 'developer'], review_control: 'AC-01' }), [])).toEqual([
      { kind: 'access-relaxed', subject: 'access.admin_roles', message: 'role `developer` added to `access.admin_roles`: admins holding it would no longer be exceptions' },
      { kind: 'access-relaxed', subject: 'access.review_control', message: '`access.review_control` moved from `AC-08` to `AC-01`: another owner would sign off access reviews' },
    ]);
    expect(relaxedAccess(base, config()).map((w) => w.message)).toEqual([
      '`access.admin_roles` removed: admin access would no longer be reconciled, and no admin would be an exception',
      '`access.review_control` moved from `AC-08` to the default (the first control whose title mentions an access review): another owner would sign off access reviews',
    ]);
  });

  it('names nothing for a role removed, admin_roles set for the first time, or the same settings', () => {
    const base = config({ admin_roles: ['security-officer', 'cto'], review_control: 'AC-08' });
    expect(relaxedAccess(base, config({ admin_roles: ['cto'], review_control: 'AC-08' }))).toEqual([]);
    expect(relaxedAccess(config(), config({ admin_roles: ['cto'] }))).toEqual([]);
    expect(relaxedAccess(base, base)).toEqual([]);
  });
});
