import type { BundleView } from '../model/build-bundle-view.js';
import { criterionPage, policyPage } from './portal-layout.js';

/** A reference on a page: a link when its page is in the bundle, else plain text with a note saying why. */
export interface ReferenceLink {
  id: string;
  href?: string;
  note?: string;
}

/**
 * Links to criteria and policies that exist in the bundle, from a page `prefix` deep (`../` for a
 * page in a folder): a criterion out of scope has no page and reads `CC9.9 (out of scope)`, an
 * unknown policy reads `x (unknown policy)`, so no link is empty or dangling. Pure.
 */
export function referenceLinks(view: BundleView, prefix = '') {
  const criteria = new Set(view.coverage.rows.map((r) => r.criterion.id));
  const known = new Set(view.inputs.model.framework.criteria.map((c) => c.id));
  const policies = new Set(view.policies.map((p) => p.policy.id));
  return {
    criterion: (id: string): ReferenceLink => (criteria.has(id) ? { id, href: `${prefix}${criterionPage(id)}` } : { id, note: known.has(id) ? 'out of scope' : 'unknown criterion' }),
    policy: (id: string): ReferenceLink => (policies.has(id) ? { id, href: `${prefix}${policyPage(id)}` } : { id, note: 'unknown policy' }),
  };
}
