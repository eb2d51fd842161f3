import type { BundleView } from '../model/build-bundle-view.js';
import type { Rendered } from '../plan/bundle-plan.js';
import { managementAssertionMarkdown, renderManagementAssertion } from './management-assertion.js';
import { occurrencesCsv } from './occurrences-csv.js';

/** The generated files of the auditor's fieldwork views beyond the portal's pages: each path with what renders it. */
export function fieldworkEntries(view: BundleView): [path: string, render: () => Rendered][] {
  return [
    ['occurrences.csv', () => occurrencesCsv(view)],
    ['management-assertion.md', () => managementAssertionMarkdown(view)],
    ['management-assertion.html', () => renderManagementAssertion(view)],
  ];
}
