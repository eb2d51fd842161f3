import { describe, expect, it } from '@jest/globals';
import { withDefaults, type EvidentConfig } from '../config/config.js';
import { grantedAdminRoles } from './relaxed-access.js';

const config = (access?: Record<string, unknown>): EvidentConfig =>
  withDefaults({ organization: { name: 'Example Co', security_officer: 'ada-lovelace' }, frameworks: [{ id: 'soc2', categories: ['security'] }], audit: { type: 'type1', as_of: '2026-06-30' }, ...(access ? { access } : {}) });

describe('grantedAdminRoles', () => {
  it('names a person given an admin role, a person new to the roster with one, and nothing for other roles', () => {
    const head = config({ admin_roles: ['security-officer', 'cto'] });
    const base = [
      { id: 'ada-lovelace', roles: ['security-officer'] },
      { id: 'mallory-example', roles: ['developer'] },
    ];
    const after = [
      { id: 'ada-lovelace', roles: ['security-officer'] },
      { id: 'mallory-example', roles: ['developer', 'cto'] },
      { id: 'trent-new', roles: ['security-officer', 'developer'] },
      { id: 'grace-hopper', roles: ['developer'] },
    ];
    expect(grantedAdminRoles(head, base, after)).toEqual([
      { kind: 'access-relaxed', subject: 'people:mallory-example', message: '`mallory-example` given role `cto`, one of `access.admin_roles`: their admin access would no longer be an exception' },
      { kind: 'access-relaxed', subject: 'people:trent-new', message: '`trent-new` given role `security-officer`, one of `access.admin_roles`: their admin access would no longer be an exception' },
    ]);
  });

  it('names nothing without admin_roles: admins are not reconciled then (its removal is named on its own)', () => {
    expect(grantedAdminRoles(config(), [], [{ id: 'mallory-example', roles: ['cto'] }])).toEqual([]);
  });
});
