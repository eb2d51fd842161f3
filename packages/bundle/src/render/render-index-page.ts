import { readinessLabel } from '@evident/core';
import { portalHandlebars, controlPage, criterionPage, policyPage, renderPage, siteInfo } from './portal-layout.js';
import { occurrenceRows } from './occurrence-rows.js';
import { referenceLinks } from './reference-links.js';
import { HEATMAP_LEGEND, heatmapKey, legendSwatch, renderHeatmap } from './render-heatmap.js';
import { systemDescription } from './system-description.js';
import { indexTemplate } from '../templates/index-template.js';
import type { BundleView } from '../model/build-bundle-view.js';

const template = portalHandlebars.compile(indexTemplate, { strict: false });
const auditTypes = { type1: 'Type I', type2: 'Type II' } as const;
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The readiness summary's figure as index.html shows it: the same figure as `evident status`, in the same words. Pure. */
export function indexReadiness(view: BundleView) {
  const r = view.readiness.readiness;
  return { percent: r.percent, label: r.percent === null ? readinessLabel(r) : `${r.percent}%`, reason: r.reason, rule: r.rule, met: r.met, total: r.total };
}

/** index.html: scope, readiness summary, search and the criteria table. Pure. */
export function renderIndexPage(view: BundleView): string {
  const { model, period, today } = view.inputs;
  const { config } = model;
  const refs = referenceLinks(view);
  const occurrences = occurrenceRows(view);
  const evidenceCount = (controls: string[]) => controls.reduce((n, c) => n + (view.evidenceByControl.get(c)?.length ?? 0), 0);
  const criteria = view.coverage.rows.map((row) => ({
    id: row.criterion.id,
    href: criterionPage(row.criterion.id),
    topic: row.criterion.topic ?? row.criterion.family,
    state: row.state,
    controls: row.controls.map((c) => ({ id: c.id, href: controlPage(c.id) })),
    policies: row.policies.map(refs.policy),
    evidence: evidenceCount(row.controls.map((c) => c.id)),
  }));
  const kinds = new Map<string, number>();
  for (const e of view.exceptions) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
  const inForce = view.policies.filter((p) => p.policy.status === 'approved');
  const search = [
    ...view.coverage.rows.map((r) => ({ k: 'criterion', id: r.criterion.id, t: r.criterion.topic ?? r.criterion.summary, h: criterionPage(r.criterion.id) })),
    ...view.controls.map((c) => ({ k: 'control', id: c.id, t: c.title, h: controlPage(c.id) })),
    ...view.policies.map((p) => ({ k: 'policy', id: p.policy.id, t: p.policy.title, h: policyPage(p.policy.id) })),
  ];
  const chainOk = view.chain.problems.length === 0;
  const body = template({
    scope: {
      organization: config.organization.name,
      description: config.organization.description,
      auditType: auditTypes[config.audit.type],
      auditor: config.audit.auditor,
      period,
      asOf: today,
      categories: model.framework.categories.filter((c) => model.categories.has(c.id)),
      framework: model.framework.name,
    },
    readiness: {
      ...view.coverage.totals,
      ...indexReadiness(view),
      approved: inForce.filter((p) => p.current).length,
      policiesInForce: inForce.length,
      evidenceIncluded: view.evidence.filter((e) => e.included).length,
      evidenceExcluded: view.evidence.filter((e) => !e.included).length,
      exceptions: view.exceptions.length,
      exceptionKinds: [...kinds].sort(([a], [b]) => (a < b ? -1 : 1)).map(([kind, count]) => ({ kind, count })),
      records: view.chain.records,
      chainState: chainOk ? 'ok' : 'bad',
      chainLabel: chainOk ? 'intact' : count(view.chain.problems.length, 'problem'),
      historyLabel: view.inputs.evidenceHistory ? `history walked from the first record commit to ${view.inputs.evidenceHistory.tip.slice(0, 12)}` : 'no evidence branch',
      changes: view.history.length,
      changesLabel: count(view.history.length, 'policy change'),
      exceptionsLabel: count(view.exceptions.length, 'exception'),
      respondedLabel: `${view.exceptions.filter((e) => e.management_response).length} with a management response`,
      recordsLabel: count(view.chain.records, 'evidence record'),
      check: view.inputs.checkCounts,
    },
    system: systemDescription(view),
    heatmap: occurrences.length ? renderHeatmap(occurrences, period, controlPage) : undefined,
    legend: HEATMAP_LEGEND.map(({ key, label }) => ({ swatch: legendSwatch(key), label, count: occurrences.filter((r) => heatmapKey(r) === key).length })),
    placeholders: view.inputs.placeholders.count > 0 ? { count: view.inputs.placeholders.count, label: count(view.inputs.placeholders.count, 'starter placeholder') } : undefined,
    criteria,
    searchData: JSON.stringify(search).replace(/</g, '\\u003c'),
  });
  return renderPage(siteInfo(view), 'Overview', body, 0, true);
}
