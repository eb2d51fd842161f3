import type { ExceptionItem } from '@evident/core';
import type { BundleView } from '../model/build-bundle-view.js';
import { exceptionRowsTemplate, exceptionsTemplate } from '../templates/exceptions-template.js';
import { controlPage, criterionPage, policyPage, portalHandlebars, renderPage, siteInfo } from './portal-layout.js';
import { pageName } from './page-name.js';

const template = portalHandlebars.compile(exceptionsTemplate, { strict: false });
const rowsTemplate = portalHandlebars.compile(exceptionRowsTemplate, { strict: false });
const ROWS_MARKER = '<!--evident:rows-->';
const ROWS_PER_CHUNK = 500;

/** What each kind of exception means, for the auditor reading the page. */
export const EXCEPTION_MEANINGS: Record<string, string> = {
  'uncovered-criterion': 'A criterion in scope has no control.',
  'overdue-review': 'A policy in force is past its review date.',
  'missing-evidence': 'An occurrence of a control is past its due date without evidence.',
  'missing-approval': 'A policy in force has no approval record of its current content.',
  'missing-acknowledgment': 'Someone employed past the due date has not acknowledged the policy (even if they left since).',
  'overdue-acknowledgment': 'Someone acknowledged the policy after the due date.',
  'unapproved-change': 'A pull request merged without the approval it needed (at its final head, or from a policy\'s required approvers).',
  'bypassed-rules': 'A pull request merged by bypassing the branch rules.',
  'backdated-policy-version': 'A policy version states an effective date earlier than the commit that first brought it to the default branch, made after the period started: its text did not exist for part of the period it claims (from git history).',
  'reused-policy-version': 'Different texts of a policy in force during the period carry the same version number: its text changed without a new number (from git history).',
  'collected-after-commit': 'An evidence item states a `collected_at` date later than the commit that first brought its metadata to the default branch (beyond a day for time zones): the date is false, since evidence cannot be collected after it was committed, so it is not counted (from git history).',
  'record-contradicts-itself': 'An evidence record says a pull request or policy change was approved, but its own reviews do not support it (the author\'s own approval, one after the merge or on an older head, a required approver missing): it is not counted.',
  'record-after-as-of': 'An evidence record is dated after the assessment date (a merge or an acknowledgment after it): it is not counted.',
  'recorded-deviation': 'A deviation the evidence collector recorded when it collected a pull request: a stale or self approval, a review after the merge, changes requested and not re-approved, a reviewer without write access or not on the roster.',
};

/** Long hexadecimal values (commit ids, SHA-256) in a detail, shortened with the full value kept for a title. */
export function detailParts(detail: string): ({ text: string } | { hash: string; short: string })[] {
  const parts: ({ text: string } | { hash: string; short: string })[] = [];
  let last = 0;
  for (const m of detail.matchAll(/\b[0-9a-f]{32,}\b/g)) {
    if (m.index! > last) parts.push({ text: detail.slice(last, m.index) });
    parts.push({ hash: m[0], short: `${m[0].slice(0, 12)}…` });
    last = m.index! + m[0].length;
  }
  if (last < detail.length) parts.push({ text: detail.slice(last) });
  return parts;
}

const shorten = (id: string) => id.replace(/\b[0-9a-f]{32,}\b/g, (h) => `${h.slice(0, 12)}…`);

/** exceptions.html, in pieces: grouped by kind and subject, with filters; rows written a chunk at a time; then the responses that answer none. Pure. */
export function* renderExceptionsPage(view: BundleView): Generator<string> {
  const pages = new Map<string, string>();
  for (const r of view.coverage.rows) pages.set(r.criterion.id, criterionPage(r.criterion.id));
  for (const c of view.controls) pages.set(c.id, controlPage(c.id));
  for (const p of view.policies) pages.set(p.policy.id, policyPage(p.policy.id));
  const byKind = new Map<string, ExceptionItem[]>();
  for (const e of view.exceptions) byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), e]);
  const groups = [...byKind]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([kind, items]) => ({ kind, meaning: EXCEPTION_MEANINGS[kind] ?? '', count: items.length, unanswered: items.filter((e) => !e.management_response).length, items: [...items].sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) }));
  const owners = [...new Set(view.exceptions.map((e) => e.owner))].sort();
  const body = template({ asOf: view.inputs.today, total: view.exceptions.length, unanswered: view.exceptions.filter((e) => !e.management_response).length, groups, owners, stray: view.readiness.stray_responses ?? [] });
  const page = renderPage(siteInfo(view), 'Exceptions', body, 0, true).split(ROWS_MARKER);
  if (page.length !== groups.length + 1) throw new Error(`Exceptions: the page holds ${page.length - 1} row markers for ${groups.length} tables`);
  yield page[0]!;
  for (const [i, group] of groups.entries()) {
    const counts = new Map<string, number>();
    for (const e of group.items) counts.set(e.subject, (counts.get(e.subject) ?? 0) + 1);
    for (let start = 0; start < group.items.length; start += ROWS_PER_CHUNK) {
      const rows = group.items.slice(start, start + ROWS_PER_CHUNK).map((e, j) => {
        const previous = start + j > 0 ? group.items[start + j - 1]!.subject : undefined;
        return {
          ...(previous !== e.subject ? { group: e.subject, count: counts.get(e.subject), href: pages.get(e.subject) } : {}),
          anchor: `x-${pageName(e.id)}`,
          kind: e.kind,
          id: e.id,
          shortId: shorten(e.id),
          subject: e.subject,
          owner: e.owner,
          detail: detailParts(e.detail),
          response: e.management_response,
          target_date: e.target_date,
          response_file: e.response_file,
        };
      });
      yield rowsTemplate(rows);
    }
    yield page[i + 1]!;
  }
}
