import type { BundleView } from '../model/build-bundle-view.js';
import type { PolicyVersion } from '../model/policy-versions.js';
import { policyVersionTemplate } from '../templates/population-page-template.js';
import { policyPage, portalHandlebars, recordPath, renderPage, type SiteInfo } from './portal-layout.js';
import { approvers } from './render-list-pages.js';

const template = portalHandlebars.compile(policyVersionTemplate, { strict: false });

/** policies/<id>/v<version>.html, around the version's body already rendered to safe HTML. Pure. */
export function renderPolicyVersionPage(view: BundleView, v: PolicyVersion, bodyHtml: string, site: SiteInfo): string {
  const current = view.policies.some((p) => p.policy.id === v.id) ? `../../${policyPage(v.id)}` : undefined;
  const body = template({
    ...v,
    current,
    markdown: v.markdown.replace(/^.*\//, ''),
    markdownName: v.markdown,
    approvers: approvers(v.approvals),
    records: [...new Set(v.approvals.map((a) => a.record))].map((file) => ({ name: file.replace(/^records\//, ''), href: `../../${recordPath(file)}` })),
    // Body links are made for a page one folder deep; this one is two deep.
    bodyHtml: bodyHtml.replaceAll(' href="../', ' href="../../'),
  });
  return renderPage(site, `${v.id} version ${v.version}`, body, 2);
}
