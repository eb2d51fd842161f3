import { describe, expect, it } from '@jest/globals';
import { createValidators } from '../validate/create-validators.js';
import { loadEvidenceItems } from './load-evidence-items.js';

const validate = createValidators().evidenceItem;
const sha = 'c'.repeat(64);
const metadataPath = 'evidence/AC-01/2026-Q3/review.csv.evidence.yaml';
const files = new Map([['evidence/AC-01/2026-Q3/review.csv', { sha256: sha, bytes: 3 }]]);
const load = (text: string) => loadEvidenceItems([{ path: metadataPath, text }], files, 'evidence', validate).catalog.items[0]!;

/** The flat form `evident evidence add` writes (read without a YAML tree), covering 2026-Q3. */
const flat = (collectedAt: string) => `controls: [AC-01]\ncovers: 2026-Q3\ncollected_at: ${collectedAt}\ncollected_by: grace-hopper\nsource: IdP export\nsha256: ${sha}\n`;
/** The same metadata in block form with explicit days, which only the full parse reads. */
const block = (collectedAt: string) => `controls:\n  - AC-01\ncovers:\n  start: 2026-07-01\n  end: 2026-09-30\ncollected_at: ${collectedAt}\ncollected_by: grace-hopper\nsource: IdP export\nsha256: ${sha}\n`;

const before = (collectedAt: string) =>
  `Unexpected \`collected_at\` \`${collectedAt}\` before the covered period (2026-07-01 to 2026-09-30), expected evidence collected during or after the period it covers`;

describe('loadEvidenceItems: collected_at against the covered period', () => {
  it.each([
    ['on the first day', '2026-07-01'],
    ['on the last day', '2026-09-30'],
    ['after the period', '2026-10-02T09:30:00Z'],
    ['on the first day as written, the day before in UTC', '2026-07-01T00:30:00+02:00'],
    ['long after the period', '2027-03-01'],
  ])('accepts evidence collected %s (%s), in the flat and the block form', (_, collectedAt) => {
    for (const text of [flat(collectedAt), block(collectedAt)]) {
      const item = load(text);
      expect(item.problems).toEqual([]);
      expect(item.metadata?.collected_at).toBe(collectedAt);
      expect(item.covers).toMatchObject({ start: '2026-07-01', end: '2026-09-30' });
    }
  });

  it.each([
    ['the day before the period', '2026-06-30'],
    ['far before the period', '2026-01-05'],
    ['the day before as written, the first day in UTC', '2026-06-30T23:30:00-02:00'],
  ])('reports evidence collected %s (%s) at the value, from the flat form as from the block form', (_, collectedAt) => {
    const endColumn = 15 + collectedAt.length;
    expect(load(flat(collectedAt)).problems).toEqual([{ message: before(collectedAt), file: metadataPath, line: 3, column: 15, endLine: 3, endColumn }]);
    expect(load(block(collectedAt)).problems).toEqual([{ message: before(collectedAt), file: metadataPath, line: 6, column: 15, endLine: 6, endColumn }]);
  });

  it('keeps the item and its metadata, so the rule reports it and status leaves it out', () => {
    const item = load(flat('2026-01-05'));
    expect(item.metadata).toMatchObject({ collected_at: '2026-01-05', covers: '2026-Q3' });
    expect(item.file).toEqual({ sha256: sha, bytes: 3 });
    expect(item.problems).toHaveLength(1);
  });

  it('compares with the first day of any period form', () => {
    const at = (covers: string, collectedAt: string) => load(flat(collectedAt).replace('covers: 2026-Q3', `covers: ${covers}`)).problems.map((p) => p.message);
    expect(at('2026-W27', '2026-06-28')).toEqual(['Unexpected `collected_at` `2026-06-28` before the covered period (2026-06-29 to 2026-07-05), expected evidence collected during or after the period it covers']);
    expect(at('2026-W27', '2026-06-29')).toEqual([]);
    expect(at('2026-08-14', '2026-08-13T23:59:59Z')).toEqual(['Unexpected `collected_at` `2026-08-13T23:59:59Z` before the covered period (2026-08-14 to 2026-08-14), expected evidence collected during or after the period it covers']);
    expect(at('2026-08-14', '2026-08-14')).toEqual([]);
    expect(at('2026-07..2026-08', '2026-06-30')).toEqual(['Unexpected `collected_at` `2026-06-30` before the covered period (2026-07-01 to 2026-08-31), expected evidence collected during or after the period it covers']);
  });

  it('says nothing about collected_at when `covers` names no period', () => {
    expect(load(flat('2020-01-01').replace('covers: 2026-Q3', 'covers: 2026-Q5')).problems.map((p) => p.line)).toEqual([2]);
  });
});
