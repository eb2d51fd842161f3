import type { Control } from '@evident/core';
import type { BundleView } from '../model/build-bundle-view.js';
import { recordEvidence } from '../model/record-evidence.js';
import { statusMismatch } from '../model/status-mismatch.js';
import { controlTemplate } from '../templates/control-template.js';
import { occurrencesByControl, spanningItems, STATE_LABELS } from './occurrence-rows.js';
import { portalHandlebars, renderPage, siteInfo, type SiteInfo } from './portal-layout.js';
import { pageName } from './page-name.js';
import { referenceLinks } from './reference-links.js';

const template = portalHandlebars.compile(controlTemplate, { strict: false });

/** controls/<id>.html, around the control's body already rendered to safe HTML. Pure. */
export function renderControlPage(view: BundleView, control: Control, bodyHtml: string, site: SiteInfo = siteInfo(view), _policies?: ReadonlySet<string>): string {
  const refs = referenceLinks(view, '../');
  const rows = occurrencesByControl(view).get(control.id) ?? [];
  const bundlePaths = new Map(view.evidence.filter((e) => e.href).map((e) => [e.path, e.href!]));
  const body = template({
    id: control.id,
    title: control.title,
    owner: control.owner,
    status: control.status,
    statusNote: statusMismatch(view, control).note,
    frequency: control.frequency,
    file: control.source.path,
    criteria: control.criteria.map(refs.criterion),
    policies: control.policies.map(refs.policy),
    asOf: view.inputs.today,
    exceptionsHref: '../exceptions.html',
    occurrences: rows.map((r) => ({
      ...r.occurrence,
      state: r.state,
      stateLabel: STATE_LABELS[r.state],
      spanningNote: r.spanningNote,
      files: r.files.map((f) => ({ path: f.path, href: f.href ? `../${f.href}` : undefined })),
      records: r.records.map((x) => ({ path: x.path, href: `../${x.href}` })),
      exception: r.exception,
      exceptionAnchor: r.exception ? `x-${pageName(r.exception)}` : undefined,
      response: r.response,
    })),
    spanning: spanningItems(rows).map((s) => ({ ...s, labels: s.labels.join(', '), href: bundlePaths.has(s.path) ? `../${bundlePaths.get(s.path)}` : undefined })),
    required: control.evidence,
    evidence: [...(view.evidenceByControl.get(control.id) ?? []).map((e) => ({ path: e.bundlePath, href: e.href ? `../${e.href}` : undefined, label: e.covers?.label, collected_at: e.collected_at, collected_by: e.collected_by, source: e.source })), ...recordEvidence(view, control)],
    bodyHtml,
  });
  return renderPage(site, `${control.id} ${control.title}`, body, 1);
}
