import type { Control } from '@evident/core';
import type { BundleView } from '../model/build-bundle-view.js';
import { recordEvidence } from '../model/record-evidence.js';
import { controlTemplate } from '../templates/control-template.js';
import { criterionPage, policyPage, portalHandlebars, renderPage, siteInfo, type SiteInfo } from './portal-layout.js';

const template = portalHandlebars.compile(controlTemplate, { strict: false });

/** controls/<id>.html, around the control's body already rendered to safe HTML. Pure. */
export function renderControlPage(view: BundleView, control: Control, bodyHtml: string, site: SiteInfo = siteInfo(view), policies: ReadonlySet<string> = new Set(view.policies.map((p) => p.policy.id))): string {
  const body = template({
    id: control.id,
    title: control.title,
    owner: control.owner,
    status: control.status,
    frequency: control.frequency,
    file: control.source.path,
    criteria: control.criteria.map((id) => ({ id, href: `../${criterionPage(id)}` })),
    policies: control.policies.map((id) => ({ id, href: policies.has(id) ? `../${policyPage(id)}` : undefined })),
    required: control.evidence,
    evidence: [...(view.evidenceByControl.get(control.id) ?? []).map((e) => ({ path: e.bundlePath, href: `../${e.bundlePath}`, label: e.covers?.label, collected_at: e.collected_at, collected_by: e.collected_by, source: e.source })), ...recordEvidence(view, control)],
    bodyHtml,
  });
  return renderPage(site, `${control.id} ${control.title}`, body, 1);
}
