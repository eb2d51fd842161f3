import type { BundleView } from '../model/build-bundle-view.js';
import { changeCounts, describeReview, type ChangeRow } from '../model/change-rows.js';
import type { PolicyVersion } from '../model/policy-versions.js';
import { workforceCounts, type WorkforceRow } from '../model/workforce-rows.js';
import { recordPath } from './portal-layout.js';
import { populationRows, renderPopulationPage } from './render-population-page.js';
import { approvers } from './render-list-pages.js';

const t = (text: string | number | undefined | null) => ({ text: text ?? '' });

/** workforce.html: the roster with roles, teams, reporting lines and dates, counted against the period. */
export function renderWorkforcePage(view: BundleView, rows: readonly WorkforceRow[]): Iterable<string> {
  const c = workforceCounts(rows);
  const { start, end } = view.inputs.period;
  const { today } = view.inputs;
  // Before the period ends the roster only says who is due to be active at its end: say as of when.
  const atEnd = today < end ? `active at the end of the period (${end}), as the roster stands on ${today}` : `active on ${end}`;
  return renderPopulationPage(view, {
    title: 'Workforce',
    intro: `Everyone on the roster (${view.inputs.model.config.paths.people}), with roles, teams, manager and start and end dates, against the audit period ${start} to ${end}. The same list is in workforce.csv.`,
    counts: [
      { n: c.listed, label: 'people listed' },
      { n: c.inPeriod, label: 'employed during the period' },
      { n: c.joined, label: 'joined in the period' },
      { n: c.left, label: 'left in the period' },
      { n: c.activeAtEnd, label: atEnd },
    ],
    tags: [
      { value: 'joined', label: 'joined in the period' },
      { value: 'left', label: 'left in the period' },
      { value: 'active-at-end', label: 'active at the end of the period' },
      { value: 'not-in-period', label: 'not employed during the period' },
      { value: 'no-manager', label: 'without a manager' },
    ],
    columns: ['Id', 'Name', 'Login', 'Roles', 'Teams', 'Manager', 'Start', 'End'],
    rows: populationRows(rows, (r) => ({
      tags: r.tags,
      cells: [t(r.person.id), t(r.person.name), t(r.person.github), t(r.person.roles.join(', ')), t(r.teams.join(', ')), t(r.person.manager ? `${r.managerName ?? r.person.manager} (${r.person.manager})` : ''), t(r.person.start_date), t(r.person.end_date ?? '')],
    })),
    empty: 'The roster is empty.',
  });
}

/** change-population.html: every pull request merged in the period, with approvals before the merge, checks, bypass and tickets. */
export function renderChangePopulationPage(view: BundleView, rows: readonly ChangeRow[]): Iterable<string> {
  const c = changeCounts(rows);
  const old = rows.filter((r) => !r.cutAtMerge).length;
  return renderPopulationPage(view, {
    title: 'Change population',
    intro: 'Every pull request merged in the audit period into the configured repositories, from the change-population records of the evidence branch (the latest record listing a pull request decides). Only reviews submitted at or before the merge count as approvals. The same list is in change-population.csv.',
    counts: [
      { n: c.merged, label: 'pull requests merged' },
      { n: c.approved, label: 'approved before the merge' },
      { n: c.unapproved, label: 'without approval' },
      { n: c.recordProblems, label: 'with a record that contradicts itself or is dated after the assessment date (not counted)' },
      { n: c.bypassed, label: 'merged past the branch rules' },
      { n: c.checksFailing, label: 'with checks not passing' },
      { n: c.withTicket, label: 'naming an issue or ticket' },
    ],
    tags: [
      { value: 'unapproved', label: 'without approval before the merge' },
      { value: 'record-problem', label: 'record contradicting itself or dated after the assessment date' },
      { value: 'bypassed', label: 'merged past the branch rules' },
      { value: 'checks-failing', label: 'checks not passing at the head' },
      { value: 'checks-unread', label: 'checks not read' },
      { value: 'late-review', label: 'reviewed after the merge' },
      { value: 'no-ticket', label: 'naming no issue or ticket' },
    ],
    columns: ['Pull request', 'Title', 'Author', 'Merged by', 'Merged at', 'Merge commit', 'Approvals before merge', 'Checks at head', 'Rules bypassed', 'Tickets', 'Record'],
    rows: populationRows(rows, (r) => ({
      tags: r.tags,
      cells: [
        { text: `${r.repository}#${r.pull.number}` },
        t(r.pull.title),
        t(r.pull.author),
        t(r.pull.merged_by ?? ''),
        t(r.pull.merged_at ?? ''),
        { text: (r.pull.merge_commit_sha ?? '').slice(0, 12), code: true },
        r.problems.length
          ? { text: `${r.approvals.length ? r.approvals.map((a) => describeReview(a, true)).join('; ') : 'none'}. Not counted: ${r.problems.map((p) => `${p.kind}: ${p.detail}`).join('; ')}`, state: 'bad' }
          : r.approvals.length ? t(r.approvals.map((a) => describeReview(a, true)).join('; ')) : { text: 'none', state: 'missing' },
        t(r.pull.status_checks ? `${r.pull.status_checks.readable ? '' : '(not readable) '}${r.pull.status_checks.results.map((x) => `${x.name}: ${x.conclusion}`).join('; ')}` : 'not recorded'),
        r.pull.bypass ? (r.pull.bypass.bypassed ? { text: `yes: ${r.pull.bypass.reasons.join('; ')}`, state: 'bad' } : t('no')) : t('not recorded'),
        t((r.pull.references ?? []).join(', ')),
        { text: r.record.replace(/^records\//, ''), href: recordPath(r.record) },
      ],
    })),
    empty: 'No change-population record lists a pull request merged in the period: run `evident populations collect`.',
    ...(old > 0 ? { note: `${old} pull requests come from records collected before reviews were cut at the merge: their approvals may include reviews submitted after it (review_cutoff is "not recorded" in change-population.csv).` } : {}),
  });
}

/** policy-versions.html: every policy version in force at some time in the period. */
export function renderPolicyVersionsPage(view: BundleView, versions: readonly PolicyVersion[]): Iterable<string> {
  const policies = new Set(versions.map((v) => v.id)).size;
  const unapproved = versions.filter((v) => !v.approvals.some((a) => a.approved)).length;
  return renderPopulationPage(view, {
    title: 'Policy versions in force',
    intro: 'Each version of each policy that was on the default branch at some time in the audit period: from the commit that brought it to the one that replaced it (first-parent history, so merge, squash and rebase merges all count once), with its text, its Markdown byte for byte, its content hash and the approval of exactly that content. The same list is in policy-versions.csv.',
    counts: [
      { n: versions.length, label: 'versions in force' },
      { n: policies, label: 'policies' },
      { n: unapproved, label: 'versions without an approval record' },
      { n: versions.filter((v) => v.flags.some((f) => f.startsWith('backdated-policy-version:'))).length, label: 'versions effective before their commit' },
      { n: versions.filter((v) => v.flags.some((f) => f.startsWith('reused-policy-version:'))).length, label: 'versions sharing their number with another text' },
    ],
    tags: [
      { value: 'unapproved', label: 'without an approval record' },
      { value: 'current', label: 'still in force' },
      { value: 'superseded', label: 'superseded' },
      { value: 'backdated', label: 'effective date before its commit' },
      { value: 'reused-number', label: 'number shared with another text' },
    ],
    columns: ['Policy', 'Version', 'Status', 'Effective date (frontmatter)', 'In force from', 'In force to', 'Content SHA-256', 'Pull request', 'Approved by', 'Exceptions', 'Markdown'],
    rows: populationRows(versions, (v) => ({
      tags: [
        v.approvals.some((a) => a.approved) ? 'approved' : 'unapproved',
        v.to === undefined ? 'current' : 'superseded',
        ...(v.flags.some((f) => f.startsWith('backdated-policy-version:')) ? ['backdated'] : []),
        ...(v.flags.some((f) => f.startsWith('reused-policy-version:')) ? ['reused-number'] : []),
      ],
      cells: [
        { text: v.id, href: v.page },
        t(v.version),
        t(v.status),
        v.flags.some((f) => f.startsWith('backdated-policy-version:')) ? { text: `${v.effective ?? ''} (before its commit)`, state: 'bad' } : t(v.effective ?? ''),
        t(v.from),
        t(v.to ?? 'still in force'),
        { text: v.sha256, code: true },
        t(v.pullRequest === null ? '' : `#${v.pullRequest}`),
        v.approvals.some((a) => a.approved) ? t(approvers(v.approvals)) : { text: 'none', state: 'missing' },
        v.flags.length ? { text: v.flags.join('; '), href: 'exceptions.html', state: 'bad' } : t(''),
        { text: v.markdown, href: v.markdown },
      ],
    })),
    empty: 'No policy file was on the default branch during the period.',
    ...(versions.some((v) => v.flags.length)
      ? { note: 'Some versions say they took effect before the commit that introduced them, or share their number with a different text: the frontmatter cannot be taken as when a text applied. Each is an exception in exceptions.csv; "In force from" is when git shows the text reached the default branch.' }
      : {}),
  });
}
