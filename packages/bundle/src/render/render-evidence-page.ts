import type { BundleView } from '../model/build-bundle-view.js';
import { renderTablePage, tableRows } from './render-list-pages.js';

const NOT_LINKED = 'Not linked: a browser would open this type as a web page, which can run scripts and load from the network; open the file from the bundle with a text editor';

/** evidence.html: included evidence with its SHA-256, and the files left out with the reason. Pure. */
export function renderEvidencePage(view: BundleView): Iterable<string> {
  const included = view.evidence.filter((e) => e.included);
  const excluded = view.evidence.filter((e) => !e.included);
  return renderTablePage(view, 'Evidence', `Evidence files whose covered period overlaps ${view.inputs.period.start} to ${view.inputs.period.end} are included; the others are listed, not included. evidence-index.csv has the same data.`, [
    {
      heading: `Included (${included.length})`,
      id: 'included',
      columns: ['File', 'Controls', 'Covers', 'Collected', 'Source', 'Size', 'SHA-256', 'Notes'],
      rows: tableRows(included, (e) => [
        { text: e.bundlePath!, ...(e.href ? { href: e.href } : {}) },
        { text: e.controls.join(', ') },
        { text: e.covers?.label ?? '' },
        { text: `${e.collected_at ?? ''}${e.collected_by ? ` by ${e.collected_by}` : ''}` },
        { text: e.source ?? '' },
        { text: e.size ?? '' },
        { text: e.sha256 ?? '', code: true },
        { text: [...e.notes, ...(e.href ? [] : [NOT_LINKED])].join('; ') },
      ]),
      empty: 'No evidence file in the period.',
    },
    {
      heading: `Listed, not included (${excluded.length})`,
      id: 'excluded',
      columns: ['File', 'Controls', 'Covers', 'Reason'],
      rows: tableRows(excluded, (e) => [{ text: e.path }, { text: e.controls.join(', ') }, { text: e.covers?.label ?? '' }, { text: [e.reason, ...e.notes].filter(Boolean).join('; ') }]),
      empty: 'None.',
    },
  ]);
}
