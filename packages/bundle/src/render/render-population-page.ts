import type { BundleView } from '../model/build-bundle-view.js';
import { populationPageTemplate, populationRowsTemplate } from '../templates/population-page-template.js';
import type { Cell, TableRows } from './render-list-pages.js';
import { portalHandlebars, renderPage, siteInfo } from './portal-layout.js';

const template = portalHandlebars.compile(populationPageTemplate, { strict: false });
const rowsTemplate = portalHandlebars.compile(populationRowsTemplate, { strict: false });
const ROWS_MARKER = '<!--evident:rows-->';
const ROWS_PER_CHUNK = 500;

/** A row of a population table: its cells and the tags the filter selects on. */
export interface PopulationRow {
  cells: Cell[];
  tags: string[];
}

export interface PopulationPage {
  title: string;
  intro: string;
  counts: { n: number; label: string }[];
  /** The choices of the filter's list: a tag and what it shows. */
  tags: { value: string; label: string }[];
  columns: string[];
  rows: { readonly length: number; slice(start: number, end: number): PopulationRow[] };
  empty: string;
  note?: string;
}

/** The rows of `items`, each built only when its slice is written. */
export function populationRows<T>(items: readonly T[], row: (item: T) => PopulationRow): PopulationPage['rows'] {
  return { length: items.length, slice: (start, end) => items.slice(start, end).map(row) };
}

/** A population page, in pieces (the table a chunk of rows at a time), with the portal's filter script. Pure. */
export function* renderPopulationPage(view: BundleView, page: PopulationPage): Generator<string> {
  const html = renderPage(siteInfo(view), page.title, template({ ...page, rowCount: page.rows.length }), 0, true);
  const parts = html.split(ROWS_MARKER);
  yield parts[0]!;
  if (parts.length === 1) return;
  for (let start = 0; start < page.rows.length; start += ROWS_PER_CHUNK) {
    yield rowsTemplate(page.rows.slice(start, start + ROWS_PER_CHUNK).map((r) => ({ cells: r.cells, tags: r.tags.join(' ') })));
  }
  yield parts[1]!;
}

export type { Cell, TableRows };
