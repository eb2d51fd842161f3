import { nextReviewDate } from '@evident/core';
import type { BundleView, PolicyView } from '../model/build-bundle-view.js';
import type { PolicyApproval } from '../model/policy-approvals.js';
import type { PolicyVersion } from '../model/policy-versions.js';
import { policyTemplate } from '../templates/policy-template.js';
import { controlPage, portalHandlebars, recordPath, renderPage, siteInfo, type SiteInfo } from './portal-layout.js';
import { pageName } from './page-name.js';
import { referenceLinks } from './reference-links.js';

const template = portalHandlebars.compile(policyTemplate, { strict: false });

/** Only web links from a record become links: a record is data, and a `javascript:` URL in one must not be clickable. */
const webUrl = (url: unknown) => (typeof url === 'string' && /^https?:\/\//i.test(url) ? url : undefined);

const approvalModel = (a: PolicyApproval) => ({
  ...a,
  pull_request: { ...a.pull_request, url: webUrl(a.pull_request.url) },
  recordHref: `../${recordPath(a.record)}`,
  approvers: a.approvals.filter((r) => String(r.state).toUpperCase() === 'APPROVED').map((r) => r.person ?? r.reviewer).join(', '),
});

/** policies/<id>.html: the policy (body already rendered to safe HTML) with its approval trail and the versions in force in the period, linked. Pure. */
export function renderPolicyPage(view: BundleView, p: PolicyView, bodyHtml: string, site: SiteInfo = siteInfo(view), versions: readonly PolicyVersion[] = []): string {
  const { policy } = p;
  const body = template({
    ...policy,
    nextReview: nextReviewDate(policy),
    criteria: policy.criteria.map(referenceLinks(view, '../').criterion),
    controls: p.controls.map((id) => ({ id, href: `../${controlPage(id)}` })),
    sha256: p.sha256,
    markdownName: `${pageName(policy.id)}.md`,
    markdownHref: `${pageName(policy.id)}.md`,
    current: p.current ? approvalModel(p.current) : undefined,
    approvals: p.approvals.map(approvalModel),
    acknowledgment: policy.acknowledgment ? { ...policy.acknowledgment, audience: policy.acknowledgment.audience.join(', ') } : undefined,
    acknowledgments: p.acknowledgments,
    history: p.history.map((c) => ({
      ...c,
      date: c.committed_at.slice(0, 10),
      short: c.commit.slice(0, 12),
      approvedBy: [...new Set(c.approvals.flatMap((a) => a.approvals.filter((r) => String(r.state).toUpperCase() === 'APPROVED').map((r) => r.person ?? r.reviewer)))].join(', '),
    })),
    versions: versions.map((v) => ({ version: v.version, from: v.from.slice(0, 10), to: v.to?.slice(0, 10), pullRequest: v.pullRequest, approved: v.approvals.some((a) => a.approved), href: `../${v.page}`, markdownHref: `../${v.markdown}` })),
    bodyHtml,
  });
  return renderPage(site, policy.title, body, 1);
}
