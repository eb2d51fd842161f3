import type { EvidentConfig } from '../config/config.js';
import { code } from '../diagnostic.js';
import type { Person } from '../model/types.js';
import type { Weakening } from './detect-weakening.js';

/**
 * Changes to `access` that make fewer access exceptions: `admin_roles` removed (admins are then
 * not reconciled at all) or given another role (admins holding it are justified), and
 * `review_control` moved (another control's owner signs off access reviews). Pure.
 */
export function relaxedAccess(base: Pick<EvidentConfig, 'access'>, head: Pick<EvidentConfig, 'access'>): Weakening[] {
  const out: Weakening[] = [];
  const before = base.access?.admin_roles;
  const after = head.access?.admin_roles;
  if (before && !after) {
    out.push({ kind: 'access-relaxed', subject: 'access.admin_roles', message: `${code('access.admin_roles')} removed: admin access would no longer be reconciled, and no admin would be an exception` });
  } else if (before && after) {
    for (const role of after.filter((r) => !before.includes(r))) {
      out.push({ kind: 'access-relaxed', subject: 'access.admin_roles', message: `role ${code(role)} added to ${code('access.admin_roles')}: admins holding it would no longer be exceptions` });
    }
  }
  const control = base.access?.review_control;
  if (control !== undefined && head.access?.review_control !== control) {
    const now = head.access?.review_control;
    out.push({ kind: 'access-relaxed', subject: 'access.review_control', message: `${code('access.review_control')} moved from ${code(control)} to ${now === undefined ? 'the default (the first control whose title mentions an access review)' : code(now)}: another owner would sign off access reviews` });
  }
  return out;
}

/**
 * People given a role of the head's `access.admin_roles` that they did not hold on the base (a
 * person new to the roster included): their admin access becomes justified, so it is no longer
 * an access exception. Pure.
 */
export function grantedAdminRoles(head: Pick<EvidentConfig, 'access'>, basePeople: readonly Pick<Person, 'id' | 'roles'>[], headPeople: readonly Pick<Person, 'id' | 'roles'>[]): Weakening[] {
  const adminRoles = head.access?.admin_roles;
  if (!adminRoles) return [];
  const before = new Map(basePeople.map((p) => [p.id, new Set(p.roles)]));
  const out: Weakening[] = [];
  for (const person of [...headPeople].sort((a, b) => a.id.localeCompare(b.id))) {
    for (const role of person.roles.filter((r) => adminRoles.includes(r) && !before.get(person.id)?.has(r))) {
      out.push({ kind: 'access-relaxed', subject: `people:${person.id}`, message: `${code(person.id)} given role ${code(role)}, one of ${code('access.admin_roles')}: their admin access would no longer be an exception` });
    }
  }
  return out;
}
