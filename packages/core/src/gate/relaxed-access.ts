import type { EvidentConfig } from '../config/config.js';
import { code } from '../diagnostic.js';
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
