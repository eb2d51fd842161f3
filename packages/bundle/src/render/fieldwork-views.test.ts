import { describe, expect, it } from '@jest/globals';
import type { ExceptionItem, Occurrence } from '@evident/core';
import type { BundleView } from '../model/build-bundle-view.js';
import { escapeMarkdown, managementAssertionMarkdown } from './management-assertion.js';
import { occurrenceRows, spanningItems } from './occurrence-rows.js';
import { detailParts, renderExceptionsPage } from './render-exceptions-page.js';
import { renderHeatmap } from './render-heatmap.js';

const occurrence = (label: string, start: string, end: string, state: Occurrence['state'], evidence: string[] = [], spanning?: Occurrence['spanning']): Occurrence => ({ control: 'AC-01', label, start, end, due: end, state, evidence, ...(spanning ? { spanning } : {}) });
const exception = (id: string, kind: ExceptionItem['kind'], subject: string, extra: Partial<ExceptionItem> = {}): ExceptionItem => ({ id, kind, subject, owner: 'alice', detail: `Detail of ${id}.`, ...extra });

function fakeView(exceptions: ExceptionItem[] = [], organization: Record<string, unknown> = {}): BundleView {
  const occurrences = [
    occurrence('2026-Q1', '2026-01-01', '2026-03-31', 'met', ['evidence/AC-01/h1.csv'], [{ path: 'evidence/AC-01/h1.csv', occurrences: 2 }]),
    occurrence('2026-Q2', '2026-04-01', '2026-06-30', 'missing'),
    occurrence('2026-Q3', '2026-07-01', '2026-09-30', 'missing'),
    occurrence('2026-Q4', '2026-10-01', '2026-12-31', 'met', ['evidence:records/000001-branch-rules.json']),
  ];
  return {
    inputs: {
      model: {
        config: { organization: { name: 'Acme & <Co>', security_officer: 'alice', systems: [{ name: 'Prod', description: 'App', owner: 'alice' }], commitments: [], services: [], data_categories: [], subservice_organizations: [{ name: 'Host [EU]', services: 'Servers', method: 'carve-out' }], user_entity_controls: [{ description: 'Customers manage their users.' }], ...organization }, audit: { type: 'type2' }, evidence: { branch: 'evidence' } },
        framework: { criteria: [{ id: 'CC6.1' }, { id: 'A1.2' }], categories: [{ id: 'security', name: 'Security' }] },
        categories: new Set(['security']),
        people: [{ id: 'alice', name: 'Alice Admin', start_date: '2020-01-01' }],
        teams: [],
      },
      period: { start: '2026-01-01', end: '2026-12-31' },
      today: '2027-01-20',
      toolVersion: '1.0.0',
    },
    coverage: { rows: [{ criterion: { id: 'CC6.1' } }] },
    controls: [{ id: 'AC-01' }],
    policies: [],
    evidence: [{ path: 'evidence/AC-01/h1.csv', bundlePath: 'evidence/AC-01/h1.csv', href: 'evidence/AC-01/h1.csv' }],
    readiness: { controls: [{ id: 'AC-01', occurrences }] },
    exceptions: [exception('missing-evidence:AC-01:2026-Q2', 'missing-evidence', 'AC-01', { management_response: 'Filed late.' }), exception('missing-evidence:AC-01:2026-Q3', 'missing-evidence', 'AC-01'), ...exceptions],
  } as unknown as BundleView;
}

describe('occurrence rows and the heatmap', () => {
  it('splits evidence into files and records, marks answered gaps as excepted and names single items spanning several occurrences', () => {
    const rows = occurrenceRows(fakeView());
    expect(rows.map((r) => [r.occurrence.label, r.state, r.files.map((f) => f.href), r.records.map((x) => x.href), r.exception ?? '', r.spanningNote ?? ''])).toEqual([
      ['2026-Q1', 'met', ['evidence/AC-01/h1.csv'], [], '', 'met by a single item covering 2 occurrences (evidence/AC-01/h1.csv)'],
      ['2026-Q2', 'excepted', [], [], 'missing-evidence:AC-01:2026-Q2', ''],
      ['2026-Q3', 'missing', [], [], 'missing-evidence:AC-01:2026-Q3', ''],
      ['2026-Q4', 'met', [], ['evidence-records/records/000001-branch-rules.json'], '', ''],
    ]);
    expect(spanningItems(rows)).toEqual([{ path: 'evidence/AC-01/h1.csv', occurrences: 2, labels: ['2026-Q1'] }]);
  });

  it('draws one titled cell per occurrence on the period timeline, with a text alternative and no script', () => {
    const svg = renderHeatmap(occurrenceRows(fakeView()), { start: '2026-01-01', end: '2026-12-31' }, (id) => `controls/${id}.html`);
    expect(svg.match(/<rect class="hm-cell"/g)).toHaveLength(4);
    expect(svg).toContain('role="img" aria-labelledby="heatmap-title heatmap-desc"');
    expect(svg).toContain('<desc id="heatmap-desc">1 controls, 4 occurrences: 1 met, 1 met only by a single item covering several occurrences, 1 missing (past due, no evidence), 1 missing, with a management response');
    expect(svg).toContain('data-occurrence="2026-Q1" data-state="met" data-spanning="yes" x="110.0"');
    expect(svg).toContain('<title>AC-01 2026-Q2 (2026-04-01 to 2026-06-30, due 2026-06-30): excepted (management response)</title>');
    expect(svg).not.toMatch(/<script|\son[a-z]+=/i);
    expect(svg.match(/<text [^>]*>2026-\d\d<\/text>/g)).toHaveLength(12);
  });
});

describe('the exceptions page', () => {
  it('groups by kind then subject, shortens long hashes with the full value in a title, and writes one row per exception', () => {
    const view = fakeView([exception('missing-approval:security', 'missing-approval', 'security', { detail: `No approval binds it (SHA-256 ${'ab'.repeat(32)}).` })]);
    const html = [...renderExceptionsPage(view)].join('');
    expect(html.match(/<tr id="x-/g)).toHaveLength(3);
    expect(html.indexOf('id="kind-missing-approval"')).toBeLessThan(html.indexOf('id="kind-missing-evidence"'));
    expect(html).toContain(`<span class="hash" title="${'ab'.repeat(32)}">${'ab'.repeat(6)}…</span>`);
    expect(html).toContain('<tr class="group" data-group="AC-01"><th colspan="5"><a href="controls/AC-01.html">AC-01</a> <span class="muted">(2)</span></th></tr>');
    expect(html).toContain('data-responded="yes"');
    expect(html).toContain('<div id="filters" class="filters" hidden>');
    expect(html).not.toContain('evident:rows');
    expect(detailParts('a 0123456789abcdef0123456789abcdef b')).toEqual([{ text: 'a ' }, { hash: '0123456789abcdef0123456789abcdef', short: '0123456789ab…' }, { text: ' b' }]);
  });

  it('lists the management responses that answer no exception below the exceptions, at their file and line, and nothing of them when there are none', () => {
    const view = fakeView();
    expect([...renderExceptionsPage(view)].join('')).not.toContain('stray-responses');
    const message = 'Unexpected management response for `missing-evidence:AC-01:2026-Q5`, expected the id of an exception `evident status` lists';
    const stray = { ...view, readiness: { ...view.readiness, stray_responses: [{ file: 'exceptions/<typo>.yaml', line: 2, column: 5, message }] } } as BundleView;
    const html = [...renderExceptionsPage(stray)].join('');
    expect(html).toContain('<h2>Management responses that answer no exception (1)</h2>');
    expect(html).toContain('<tr><td>exceptions/&lt;typo&gt;.yaml</td><td>2</td><td>Unexpected management response for &#x60;missing-evidence:AC-01:2026-Q5&#x60;, expected the id of an exception &#x60;evident status&#x60; lists</td></tr>');
    expect(html.indexOf('id="stray-responses"')).toBeGreaterThan(html.lastIndexOf('<tr id="x-'));
    expect(html.match(/<tr id="x-/g)).toHaveLength(2);
  });
});

describe('the management assertion', () => {
  it('is drafted from the system description, escaped as Markdown, with the carved-out subservice organisations, CUECs and the exceptions to consider', () => {
    const markdown = managementAssertionMarkdown(fakeView());
    expect(markdown).toContain("# Management's assertion of Acme & \\<Co\\>");
    expect(markdown).toContain('throughout the period 2026-01-01 to 2026-12-31');
    expect(markdown).toContain('uses Host \\[EU\\] (a subservice organisation) for Servers.');
    expect(markdown).toContain('complementary user entity controls');
    expect(markdown).toContain('3. The controls stated in the description operated effectively');
    expect(markdown).toContain('lists 2 exceptions');
    expect(markdown).toContain('| Alice Admin | Security officer |  |  |');
    expect(escapeMarkdown('a *b* <c> &amp; d')).toBe('a \\*b\\* \\<c\\> \\&amp; d');
  });
});
