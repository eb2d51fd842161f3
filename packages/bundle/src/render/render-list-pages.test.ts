import { describe, expect, it } from '@jest/globals';
import type { BundleView } from '../model/build-bundle-view.js';
import { renderTablePage, tableRows, type Cell } from './render-list-pages.js';

const view = {
  inputs: { model: { config: { organization: { name: 'Acme <Inc>' } } }, period: { start: '2026-01-01', end: '2026-12-31' }, toolVersion: '1.0.0' },
} as unknown as BundleView;

describe('renderTablePage', () => {
  it('writes long tables a chunk of rows at a time, building each row only when its chunk is written', () => {
    const built: number[] = [];
    const items = Array.from({ length: 1234 }, (_, i) => i);
    const pieces = renderTablePage(view, 'Evidence', 'All files.', [
      { heading: 'Included', id: 'included', columns: ['File', 'Size'], rows: tableRows(items, (i): Cell[] => (built.push(i), [{ text: `evidence/<${i}>.csv`, href: `evidence/${i}.csv` }, { text: i }])) },
      { heading: 'Excluded', id: 'excluded', columns: ['File'], rows: [], empty: 'Nothing left out.' },
      { heading: 'Chain', intro: 'Intact.', columns: [], rows: [] },
    ]);
    const first = pieces.next();
    expect(first.value).toContain('<h1>Evidence</h1>');
    expect(built).toEqual([]);
    const rest = [...pieces];
    const html = [first.value as string, ...rest].join('');
    expect(rest.length).toBeGreaterThanOrEqual(3);
    expect(built).toHaveLength(1234);
    expect(html.match(/<tr><td><a href=/g)).toHaveLength(1234);
    expect(html).toContain('<tr><td><a href="evidence/1233.csv">evidence/&lt;1233&gt;.csv</a></td><td>1233</td></tr>');
    expect(html).toContain('<td colspan="1" class="muted">Nothing left out.</td>');
    expect(html).toContain('Acme &lt;Inc&gt;');
    expect(html).not.toContain('evident:rows');
    expect(html.indexOf('id="included-table"')).toBeLessThan(html.indexOf('evidence/0.csv'));
    expect(html.indexOf('evidence/1233.csv')).toBeLessThan(html.indexOf('id="excluded"'));
  });
});
