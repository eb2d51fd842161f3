import type { BundleView } from '../model/build-bundle-view.js';
import type { PolicyVersion } from '../model/policy-versions.js';
import { policyVersionTemplate } from '../templates/population-page-template.js';
import { policyPage, portalHandlebars, recordPath, renderPage, type SiteInfo } from './portal-layout.js';
import { pageName } from './page-name.js';
import { approvers } from './render-list-pages.js';

const template = portalHandlebars.compile(policyVersionTemplate, { strict: false });

/** What the version's exceptions mean for reading its frontmatter. */
function flagNote(v: PolicyVersion): string {
  const notes: string[] = [];
  if (v.flags.some((f) => f.startsWith('backdated-policy-version:'))) notes.push(`The effective date stated (${v.effective ?? ''}) is earlier than the commit that first brought version ${v.version} to the default branch: the text did not exist on that date.`);
  if (v.flags.some((f) => f.startsWith('reused-policy-version:'))) notes.push(`Another text in force during the period carries the same version number ${v.version}: the number alone does not say which text applied.`);
  return notes.join(' ');
}

/** policies/<id>/v<version>.html, around the version's body already rendered to safe HTML. Pure. */
export function renderPolicyVersionPage(view: BundleView, v: PolicyVersion, bodyHtml: string, site: SiteInfo): string {
  const current = view.policies.some((p) => p.policy.id === v.id) ? `../../${policyPage(v.id)}` : undefined;
  const body = template({
    ...v,
    current,
    markdown: v.markdown.replace(/^.*\//, ''),
    markdownName: v.markdown,
    approvers: approvers(v.approvals),
    flags: v.flags.map((id) => ({ id, anchor: `x-${pageName(id)}` })),
    flagNote: flagNote(v),
    records: [...new Set(v.approvals.map((a) => a.record))].map((file) => ({ name: file.replace(/^records\//, ''), href: `../../${recordPath(file)}` })),
    // Body links are made for a page one folder deep; this one is two deep.
    bodyHtml: bodyHtml.replaceAll(' href="../', ' href="../../'),
  });
  return renderPage(site, `${v.id} version ${v.version}`, body, 2);
}
