import { flatString, sha256Hex } from '@evident/core';
import path from 'node:path';
import type { BundleInputs } from '../bundle-inputs.js';
import { buildBundleView, type BundleView } from '../model/build-bundle-view.js';
import { linkTargets } from '../render/body-links.js';
import { renderBodiesHere, type BodyContext, type BodyRenderer } from '../render/render-bodies.js';
import { acknowledgmentsCsv, controlsCsv, criteriaMatrixCsv, evidenceIndexCsv, exceptionsCsv, policiesCsv, policyHistoryCsv } from '../render/bundle-csv.js';
import { controlPage, criterionPage, policyMarkdown, policyPage, recordPath, siteInfo } from '../render/portal-layout.js';
import { pageName } from '../render/page-name.js';
import { renderControlPage } from '../render/render-control-page.js';
import { renderCriterionPage } from '../render/render-criterion-page.js';
import { fieldworkEntries } from '../render/fieldwork-entries.js';
import { accessEntries } from '../render/access-page.js';
import { renderEvidencePage } from '../render/render-evidence-page.js';
import { renderIndexPage } from '../render/render-index-page.js';
import { renderChangesPage, renderControlsPage, renderExceptionsPage, renderPoliciesPage, renderRecordsPage } from '../render/render-list-pages.js';
import { renderPolicyPage } from '../render/render-policy-page.js';
import type { BundlePlan, FileDigest, ManifestHeader, PlannedEntry, Rendered } from './bundle-plan.js';
import { policyVersions } from '../model/policy-versions.js';
import { populationEntries } from './population-entries.js';
import { compressible } from './compressible.js';
import { MANIFEST, renderManifest, renderSums, SUMS } from './manifest.js';
import { readmeText } from './readme-text.js';

const byPath = (a: PlannedEntry, b: PlannedEntry) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
// Entry paths and file names are kept until the bundle is written: stored flat, not as the pieces they were joined from.
const text = (path: string, source: PlannedEntry['source']): PlannedEntry => ({ path: flatString(path), source, compress: true });
const bodyPage = (path: string, source: () => Promise<Rendered>): PlannedEntry => ({ path: flatString(path), source, compress: true, rendersBody: true });

/** A plan's suggested file name: `evident-bundle-<release or commit>.zip`. */
export function bundleFileName(inputs: Pick<BundleInputs, 'release' | 'source'>): string {
  const label = inputs.release ?? inputs.source?.commit.slice(0, 12) ?? 'worktree';
  return `evident-bundle-${label.replace(/[^A-Za-z0-9._-]+/g, '-')}.zip`;
}

/** What every policy and control body is rendered with: placeholder values from evident.yaml and the roster, and link targets. Pure. */
export function bodyContext(view: BundleView): BodyContext {
  const { model } = view.inputs;
  const officer = model.people.find((p) => p.id === model.config.organization.security_officer);
  return {
    values: {
      organization: { name: model.config.organization.name },
      security_officer: { name: officer?.name ?? model.config.organization.security_officer, ...(officer?.email ? { email: officer.email } : {}) },
    },
    targets: linkTargets(view),
  };
}

export interface PlanOptions {
  /** Renders policy and control bodies (default: on this thread); worker threads give the same HTML faster. */
  renderBody?: BodyRenderer;
}

/** Everything the bundle holds and in which order, from the inputs alone. Pure: no file is read. */
export function planBundle(inputs: BundleInputs, view: BundleView = buildBundleView(inputs), options: PlanOptions = {}): BundlePlan {
  const { model } = inputs;
  const renderBody = options.renderBody ?? renderBodiesHere(bodyContext(view));
  const site = siteInfo(view);
  const policyIds = new Set(view.policies.map((p) => p.policy.id));
  const header: ManifestHeader = {
    format: 'evident-bundle/1',
    tool: { name: 'evident', version: inputs.toolVersion },
    organization: model.config.organization.name,
    release: inputs.release ?? null,
    source: inputs.source ?? null,
    config: { path: model.configFile, sha256: sha256Hex(Buffer.from(inputs.configText, 'utf8')) },
    period: inputs.period,
    assessed_on: inputs.today,
    evidence_chain: { records: view.chain.records, head: view.chain.head, problems: view.chain.problems.length, history: inputs.evidenceHistory ?? null, ref: model.config.evidence.branch, absent: inputs.evidenceHistory === undefined },
    evidence: { included: view.evidence.filter((e) => e.included).length, listed_not_included: view.evidence.filter((e) => !e.included).length },
    exceptions: view.exceptions.length,
    readiness: view.readiness.readiness,
    placeholders: { allowed: inputs.placeholders.allowed, count: inputs.placeholders.count },
    ...(inputs.githubCrossCheck ? { github_cross_check: inputs.githubCrossCheck } : {}),
  };

  const entries: PlannedEntry[] = [
    text('README.txt', () => readmeText(header)),
    text('index.html', () => renderIndexPage(view)),
    text('controls.html', () => renderControlsPage(view)),
    text('policies.html', () => renderPoliciesPage(view)),
    text('exceptions.html', () => renderExceptionsPage(view)),
    text('policy-history.html', () => renderChangesPage(view)),
    text('records.html', () => renderRecordsPage(view)),
    text('controls.csv', () => controlsCsv(view)),
    text('criteria-matrix.csv', () => criteriaMatrixCsv(view)),
    text('policies.csv', () => policiesCsv(view)),
    text('acknowledgments.csv', () => acknowledgmentsCsv(view)),
    text('policy-history.csv', () => policyHistoryCsv(view)),
    text('exceptions.csv', () => exceptionsCsv(view)),
    text('evidence-index.csv', () => evidenceIndexCsv(view)),
    text('evidence.html', () => renderEvidencePage(view)),
    ...fieldworkEntries(view).map(([file, render]) => text(file, render)),
    ...accessEntries(view).map(([file, render]) => text(file, render)),
    text('evident.yaml', inputs.configText),
    text('evidence-records/verification.json', () => `${JSON.stringify({ records: view.chain.records, head: view.chain.head, intact: view.chain.problems.length === 0, problems: view.chain.problems, history: inputs.evidenceHistory ?? null, signatures: view.chain.signatures }, null, 2)}\n`),
  ];
  for (const row of view.coverage.rows) entries.push(text(criterionPage(row.criterion.id), () => renderCriterionPage(view, row, site)));
  for (const control of view.controls) {
    entries.push(bodyPage(controlPage(control.id), async () => renderControlPage(view, control, await renderBody({ body: control.source.body, from: control.source.path }), site, policyIds)));
    entries.push(text(`controls/${pageName(control.id)}.md`, control.source.text));
  }
  const versions = policyVersions(view, inputs.policyVersions ?? []);
  for (const p of view.policies) {
    const own = versions.filter((v) => v.id === p.policy.id);
    entries.push(bodyPage(policyPage(p.policy.id), async () => renderPolicyPage(view, p, await renderBody({ body: p.policy.source.body, from: p.policy.source.path }), site, own)));
    entries.push(text(policyMarkdown(p.policy.id), p.policy.source.text));
  }
  entries.push(...populationEntries(view, versions, renderBody, site));
  for (const record of inputs.records) entries.push({ path: recordPath(record.file), source: record.bytes, compress: true });
  const metadata = new Map(inputs.evidenceMetadata.map((s) => [s.path, s]));
  for (const e of view.evidence) {
    if (!e.included || !e.bundlePath || e.size === undefined) continue;
    entries.push({ path: e.bundlePath, source: { file: flatString(path.join(inputs.root, e.path)), size: e.size }, compress: compressible(e.bundlePath), ...(e.sha256 ? { sha256: e.sha256 } : {}) });
    const sidecar = e.metadataPath ? metadata.get(e.metadataPath) : undefined;
    if (sidecar) entries.push(text(`${e.bundlePath}.evidence.yaml`, sidecar.text));
  }
  entries.sort(byPath);
  assertUnique(entries);

  return {
    fileName: bundleFileName(inputs),
    header,
    entries,
    closing: [(digests) => text(MANIFEST, () => renderManifest(header, digests)), (digests) => text(SUMS, () => renderSums(digests))],
  };
}

function assertUnique(entries: readonly PlannedEntry[]): void {
  for (let i = 1; i < entries.length; i += 1) {
    if (entries[i]!.path === entries[i - 1]!.path) throw new Error(`Two bundle entries share the path ${entries[i]!.path}`);
  }
}
