import { describe, expect, it } from '@jest/globals';
import { createValidators } from '../validate/create-validators.js';
import { collectedAfterToday, isCollectedAfter } from './collected-after-today.js';
import { loadEvidenceItems } from './load-evidence-items.js';

const validate = createValidators().evidenceItem;
const sha = 'c'.repeat(64);
const metadataPath = 'evidence/AC-01/2026-Q4/review.csv.evidence.yaml';
const files = new Map([['evidence/AC-01/2026-Q4/review.csv', { sha256: sha, bytes: 3 }]]);
const item = (collectedAt: string) =>
  loadEvidenceItems([{ path: metadataPath, text: `controls: [AC-01]\ncovers: 2026-Q4\ncollected_at: ${collectedAt}\ncollected_by: grace-hopper\nsource: IdP export\nsha256: ${sha}\n` }], files, 'evidence', validate).catalog.items[0]!;

describe('collectedAfterToday', () => {
  it('reports a collected_at after today at the value', () => {
    expect(collectedAfterToday(item('2026-12-03'), '2026-12-02')).toEqual({
      message: 'Unexpected `collected_at` `2026-12-03` after today (2026-12-02), expected the date the evidence was collected, which cannot be later than today',
      file: metadataPath,
      line: 3,
      column: 15,
      endLine: 3,
      endColumn: 25,
    });
    expect(collectedAfterToday(item('2062-12-01T09:30:00Z'), '2026-12-02')?.message).toContain('`2062-12-01T09:30:00Z` after today (2026-12-02)');
  });

  it('accepts today and earlier days', () => {
    expect(collectedAfterToday(item('2026-12-02'), '2026-12-02')).toBeUndefined();
    expect(collectedAfterToday(item('2026-12-02T23:59:59Z'), '2026-12-02')).toBeUndefined();
    expect(collectedAfterToday(item('2026-10-01'), '2026-12-02')).toBeUndefined();
  });

  it('takes a date and time as the moment it names: today in UTC is not later, whatever day the offset writes', () => {
    // 09:00 in Tokyo on the 3rd is 00:00 UTC on the 3rd: later than a UTC today of the 2nd.
    expect(isCollectedAfter('2026-12-03T09:00:00+09:00', '2026-12-02')).toBe(true);
    // 08:59 in Tokyo on the 3rd is still the 2nd in UTC.
    expect(isCollectedAfter('2026-12-03T08:59:59+09:00', '2026-12-02')).toBe(false);
    expect(isCollectedAfter('2026-12-03T08:59:59.999+09:00', '2026-12-02')).toBe(false);
    // 20:00 in California on the 2nd is the 3rd in UTC, after the end of today.
    expect(isCollectedAfter('2026-12-02T20:00:00-08:00', '2026-12-02')).toBe(true);
    expect(isCollectedAfter('2026-12-02T15:59:59-08:00', '2026-12-02')).toBe(false);
  });

  it('reads a leap second by its day as written', () => {
    expect(isCollectedAfter('2026-12-31T23:59:60Z', '2026-12-31')).toBe(false);
    expect(isCollectedAfter('2026-12-31T23:59:60Z', '2026-12-30')).toBe(true);
  });

  it('says nothing about an item whose metadata did not pass the schema', () => {
    const broken = item('2026-13-01');
    expect(broken.metadata).toBeUndefined();
    expect(collectedAfterToday(broken, '2026-12-02')).toBeUndefined();
  });
});
