import { flatString } from '@evident/core';
import type { BundleView } from '../model/build-bundle-view.js';
import { changeRows } from '../model/change-rows.js';
import type { PolicyVersion } from '../model/policy-versions.js';
import { workforceRows } from '../model/workforce-rows.js';
import { changesCsv, policyVersionsCsv, workforceCsv } from '../render/population-csv.js';
import { renderChangePopulationPage, renderPolicyVersionsPage, renderWorkforcePage } from '../render/population-pages.js';
import type { SiteInfo } from '../render/portal-layout.js';
import type { BodyRenderer } from '../render/render-bodies.js';
import { renderPolicyVersionPage } from '../render/render-policy-version-page.js';
import type { PlannedEntry } from './bundle-plan.js';

const text = (path: string, source: PlannedEntry['source']): PlannedEntry => ({ path: flatString(path), source, compress: true });

/**
 * The populations an auditor samples from and every policy version in force: workforce.csv and
 * workforce.html (the roster), change-population.csv and .html (merged pull requests from
 * the change-population records), policy-versions.csv and .html, and each version's page and
 * Markdown under policies/<id>/. Pure.
 */
export function populationEntries(view: BundleView, versions: readonly PolicyVersion[], renderBody: BodyRenderer, site: SiteInfo): PlannedEntry[] {
  const people = workforceRows(view);
  const changes = changeRows(view);
  const entries: PlannedEntry[] = [
    text('workforce.csv', () => workforceCsv(people)),
    text('workforce.html', () => renderWorkforcePage(view, people)),
    text('change-population.csv', () => changesCsv(changes)),
    text('change-population.html', () => renderChangePopulationPage(view, changes)),
    text('policy-versions.csv', () => policyVersionsCsv(versions)),
    text('policy-versions.html', () => renderPolicyVersionsPage(view, versions)),
  ];
  const seen = new Set<string>();
  for (const v of versions) {
    // The same content back in force later (a revert) is one page and one file.
    if (seen.has(v.page)) continue;
    seen.add(v.page);
    entries.push({ path: flatString(v.page), source: async () => renderPolicyVersionPage(view, v, await renderBody({ body: v.body, from: v.path }), site), compress: true, rendersBody: true });
    entries.push(text(v.markdown, v.bytes));
  }
  return entries;
}
