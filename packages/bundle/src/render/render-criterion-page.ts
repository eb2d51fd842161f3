import type { CoverageRow } from '@evident/core';
import type { BundleView } from '../model/build-bundle-view.js';
import { criterionTemplate } from '../templates/criterion-template.js';
import { controlPage, policyPage, portalHandlebars, renderPage, siteInfo, type SiteInfo } from './portal-layout.js';

const template = portalHandlebars.compile(criterionTemplate, { strict: false });

/** criteria/<id>.html. Pure. */
export function renderCriterionPage(view: BundleView, row: CoverageRow, site: SiteInfo = siteInfo(view)): string {
  const controls = new Map(view.controls.map((c) => [c.id, c]));
  const policies = new Map(view.policies.map((p) => [p.policy.id, p.policy]));
  const body = template({
    ...row.criterion,
    topic: row.criterion.topic ?? row.criterion.family,
    state: row.state,
    controls: row.controls.map((c) => ({ ...c, owner: controls.get(c.id)?.owner, href: `../${controlPage(c.id)}`, evidence: view.evidenceByControl.get(c.id)?.length ?? 0 })),
    policies: row.policies.map((id) => ({ id, title: policies.get(id)?.title ?? '', href: policies.has(id) ? `../${policyPage(id)}` : undefined })),
  });
  return renderPage(site, `${row.criterion.id} ${row.criterion.topic ?? ''}`.trim(), body, 1);
}
