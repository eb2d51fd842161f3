import { SIGNATURE_FINDINGS, SIGNATURE_LABELS } from '@evident/core';
import type { BundleView } from '../model/build-bundle-view.js';
import { describeEvidenceHistory } from '../model/describe-evidence-history.js';
import { tablePageTemplate, tableRowsTemplate } from '../templates/table-page-template.js';
import { controlPage, policyMarkdown, policyPage, portalHandlebars, recordPath, renderPage, siteInfo } from './portal-layout.js';

const template = portalHandlebars.compile(tablePageTemplate, { strict: false });
const rowsTemplate = portalHandlebars.compile(tableRowsTemplate, { strict: false });
const ROWS_MARKER = '<!--evident:rows-->';
/** Table rows rendered together: long tables (20,000 evidence files) are written a chunk at a time. */
const ROWS_PER_CHUNK = 500;

/** One table cell: text, optionally a link, a hash in monospace, or a coloured state. */
export interface Cell {
  text: string | number;
  href?: string;
  code?: boolean;
  state?: string;
}
export interface PageSection {
  heading?: string;
  id?: string;
  intro?: string;
  introClass?: string;
  columns: string[];
  rows: TableRows;
  empty?: string;
}

/** A table's rows, built a slice at a time when they are written (an array of rows is one). */
export interface TableRows {
  readonly length: number;
  slice(start: number, end: number): Cell[][];
}

/** The rows of `items`, each built by `row` only when its slice is written. */
export function tableRows<T>(items: readonly T[], row: (item: T) => Cell[]): TableRows {
  return { length: items.length, slice: (start, end) => items.slice(start, end).map(row) };
}

/**
 * A top-level listing page, in pieces: the page around the tables, and each table's rows
 * a chunk at a time, so a page listing 20,000 files is never whole in memory. Pure.
 */
export function* renderTablePage(view: BundleView, title: string, intro: string, sections: PageSection[]): Generator<string> {
  const page = renderPage(siteInfo(view), title, template({ title, intro, sections }), 0).split(ROWS_MARKER);
  const filled = sections.filter((s) => s.columns.length > 0 && s.rows.length > 0);
  if (page.length !== filled.length + 1) throw new Error(`${title}: the page holds ${page.length - 1} row markers for ${filled.length} tables`);
  yield page[0]!;
  for (const [i, { rows }] of filled.entries()) {
    for (let start = 0; start < rows.length; start += ROWS_PER_CHUNK) yield rowsTemplate(rows.slice(start, start + ROWS_PER_CHUNK));
    yield page[i + 1]!;
  }
}

const t = (text: string | number | undefined | null): Cell => ({ text: text ?? '' });

export function renderControlsPage(view: BundleView): Iterable<string> {
  return renderTablePage(view, 'Controls', `${view.controls.length} controls. The same table is in controls.csv; criteria-matrix.csv crosses criteria, controls, policies and evidence.`, [
    {
      columns: ['Control', 'Title', 'Owner', 'Status', 'Frequency', 'Criteria', 'Evidence files'],
      rows: tableRows(view.controls, (c) => [
        { text: c.id, href: controlPage(c.id) },
        t(c.title),
        t(c.owner),
        { text: c.status, state: c.status },
        t(c.frequency),
        t(c.criteria.join(', ')),
        t(view.evidenceByControl.get(c.id)?.length ?? 0),
      ]),
    },
  ]);
}

export function renderPoliciesPage(view: BundleView): Iterable<string> {
  return renderTablePage(view, 'Policies', 'Each policy page shows the rendered text, the original Markdown, its content hash, the approval record and the change history.', [
    {
      columns: ['Policy', 'Title', 'Version', 'Status', 'Owner', 'Approval of current content', 'Acknowledgments', 'Markdown'],
      rows: tableRows(view.policies, (p) => [
        { text: p.policy.id, href: policyPage(p.policy.id) },
        t(p.policy.title),
        t(p.policy.version),
        { text: p.policy.status, state: p.policy.status },
        t(p.policy.owner),
        p.current ? { text: `#${p.current.pull_request.number}`, href: `${policyPage(p.policy.id)}#approval` } : { text: 'none', state: 'missing' },
        t(p.acknowledgments.length),
        { text: policyMarkdown(p.policy.id), href: policyMarkdown(p.policy.id) },
      ]),
    },
  ]);
}

export function renderChangesPage(view: BundleView): Iterable<string> {
  return renderTablePage(view, 'Policy changes in the period', 'Every commit that changed a policy between the start and the end of the audit period, from git, with its pull request and approvals (also in policy-history.csv).', [
    {
      columns: ['Date', 'Commit', 'Author', 'Subject', 'Policies', 'Pull request', 'Approved by'],
      rows: tableRows(view.history, (c) => [
        t(c.committed_at.slice(0, 10)),
        { text: c.commit.slice(0, 12), code: true },
        t(c.author),
        t(c.subject),
        t(c.files.map((f) => `${f.status} ${f.path}`).join(', ')),
        t(c.pull_request === null ? '' : `#${c.pull_request}`),
        t(approvers(c.approvals)),
      ]),
      empty: 'No policy changed in the period.',
    },
  ]);
}

export function approvers(approvals: BundleView['approvals']): string {
  return [...new Set(approvals.flatMap((a) => a.approvals.filter((r) => String(r.state).toUpperCase() === 'APPROVED').map((r) => r.person ?? r.reviewer)))].sort().join(', ');
}

/** The Signature column: the verdict on the record's signature file, linked when there is one, with the key id or the signing workflow. */
function signatureCell(check: BundleView['chain']['signatures']['records'][number] | undefined) {
  if (!check) return t('');
  // A keyless signer is `https://github.com/OWNER/REPO/.github/workflows/F.yml@REF`: the workflow at its ref says enough here.
  const by = check.key_id ?? (check.signer ? `keyless: ${check.signer.replace(/^https?:\/\/[^/]+\/[^/]+\/[^/]+\//, '')}` : undefined);
  const text = `${SIGNATURE_LABELS[check.status]}${by ? ` (${by})` : ''}`;
  return check.signature_file ? { text, href: recordPath(check.signature_file) } : t(text);
}

/** The command that confirms records against GitHub (docs/cli.md). */
const CROSS_CHECK_COMMAND = 'evident evidence verify --github';

/**
 * What unsigned records rest on: the GitHub cross-check the build ran, or else the evidence branch's
 * protection alone, with the command that confirms them. Empty when every record is signed.
 */
export function unsignedNote(records: number, unsigned: number, crossCheck: BundleView['inputs']['githubCrossCheck']): string {
  if (unsigned === 0) return '';
  const which = unsigned === records ? `${records} record${records === 1 ? '' : 's'}, none signed` : `${unsigned} of ${records} records unsigned`;
  if (crossCheck) return `${which}; ${crossCheck.confirmed} confirmed against GitHub (${crossCheck.api}) on ${crossCheck.checked_at}${crossCheck.not_confirmed.length ? `, ${crossCheck.not_confirmed.length} not confirmed` : ''}.`;
  return `${which}: their content rests on the evidence branch's protection; run \`${CROSS_CHECK_COMMAND}\` to confirm them against GitHub.`;
}

/** Signature verification: the counts, what unsigned records rest on, and each record whose signature is a finding. */
function signatureSection(report: BundleView['chain']['signatures'], crossCheck: BundleView['inputs']['githubCrossCheck']) {
  const findings = report.records.filter((r) => SIGNATURE_FINDINGS.has(r.status));
  const counts = Object.entries(report.counts).map(([status, n]) => `${n} ${SIGNATURE_LABELS[status as keyof typeof SIGNATURE_LABELS]}`).join(', ');
  const keys = `${report.keys} signing key${report.keys === 1 ? '' : 's'} in evident.yaml${report.keyless ? `, keyless signatures accepted from ${report.keyless}` : ''}${report.required_from ? `, signatures required from ${report.required_from}` : ''}`;
  const unsigned = report.records.filter((r) => r.status === 'unsigned' || r.status === 'unsigned-before-required' || r.status === 'unsigned-required').length;
  const note = unsignedNote(report.records.length, unsigned, crossCheck);
  const intro =
    report.records.length === 0
      ? `No record to verify (${keys}).`
      : findings.length === 0
        ? note ? `${note} Signatures: ${counts} (${keys}).` : `No signature problem: ${counts} (${keys}).`
        : `${findings.length} signature problem${findings.length === 1 ? '' : 's'}: ${counts} (${keys}).${note ? ` ${note}` : ''}`;
  return { heading: 'Signature verification', id: 'signatures', intro, introClass: findings.length === 0 ? undefined : 'state-bad', columns: findings.length ? ['File', 'Signature', 'Message'] : [], rows: tableRows(findings, (r) => [t(r.file), t(SIGNATURE_LABELS[r.status]), t(r.message)]) };
}

/** The chain verification's first sentence: no records read (from a branch found or not), the chain intact, or its problems. */
export function chainStatus(chain: Pick<BundleView['chain'], 'records' | 'head' | 'problems'>, branch: string, found: boolean): string {
  if (chain.problems.length > 0) return `The chain has ${chain.problems.length} problem${chain.problems.length === 1 ? '' : 's'}.`;
  if (chain.records === 0) return found ? `No evidence records were read from \`${branch}\`.` : `No evidence branch \`${branch}\` was found: no evidence records were read.`;
  return `The chain of ${chain.records} record${chain.records === 1 ? '' : 's'} is intact: head ${chain.head}.`;
}

export function renderRecordsPage(view: BundleView): Iterable<string> {
  const { chain } = view;
  const signatureOf = new Map(chain.signatures.records.map((r) => [r.file, r]));
  const history = `Evidence branch: ${describeEvidenceHistory(view.inputs.evidenceHistory)}.`;
  const status = `${chainStatus(chain, view.inputs.model.config.evidence.branch, view.inputs.evidenceHistory !== undefined)} ${history}`;
  return renderTablePage(view, 'Evidence records', 'Approvals, acknowledgments and exceptions recorded on the evidence branch as hash-chained JSON, copied byte for byte under evidence-records/.', [
    { heading: 'Chain verification', id: 'chain', intro: status, introClass: chain.problems.length === 0 ? undefined : 'state-bad', columns: chain.problems.length ? ['File', 'Problem', 'Message'] : [], rows: tableRows(chain.problems, (p) => [t(p.file), t(p.problem), t(p.message)]) },
    signatureSection(chain.signatures, view.inputs.githubCrossCheck),
    {
      heading: 'Records',
      id: 'records',
      columns: ['Sequence', 'Kind', 'Id', 'Recorded', 'Hash', 'Signature'],
      rows: tableRows(chain.stored, ({ file, record }) => [t(record.sequence), t(record.kind), { text: record.id, href: recordPath(file) }, t(record.recorded_at), { text: record.hash, code: true }, signatureCell(signatureOf.get(file))]),
      empty: 'No evidence record: the evidence branch is empty or absent.',
    },
    {
      heading: 'Acknowledgments',
      id: 'acknowledgments',
      columns: ['Person', 'Policy', 'Version', 'Content SHA-256', 'Pull request', 'Acknowledged'],
      rows: tableRows(view.acknowledgments, (a) => [t(a.person), { text: a.policy, href: policyPage(a.policy) }, t(a.version), { text: a.sha256, code: true }, t(`#${a.pull_request}`), t(a.approved_at)]),
      empty: 'No acknowledgment recorded.',
    },
  ]);
}

/** exceptions.html lives in its own module (grouped, filtered); re-exported for the plan. */
export { renderExceptionsPage } from './render-exceptions-page.js';
