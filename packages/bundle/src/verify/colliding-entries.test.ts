import { describe, expect, it } from '@jest/globals';
import { collidingEntries } from './colliding-entries.js';

describe('collidingEntries', () => {
  it('names each entry after the first of a name that differs only in letter case or Unicode form, with that first entry', () => {
    expect(collidingEntries(['evidence/b.csv', 'evidence/A.csv', 'evidence/a.csv', 'EVIDENCE/A.CSV', 'evidence/\u00c5.csv', 'evidence/A\u030a.csv']).map((p) => [p.file, p.problem, /differs from `([^`]*)`/.exec(p.message)?.[1]])).toEqual([
      ['evidence/A.csv', 'unsafe', 'EVIDENCE/A.CSV'],
      ['evidence/a.csv', 'unsafe', 'EVIDENCE/A.CSV'],
      ['evidence/\u00c5.csv', 'unsafe', 'evidence/A\u030a.csv'],
    ]);
    expect(collidingEntries(['b', 'B'])).toEqual([
      { file: 'b', problem: 'unsafe', message: 'Unexpected entry `b` that differs from `B` only in letter case or Unicode form, expected distinct names: on macOS and Windows one file replaces the other when the bundle is unzipped' },
    ]);
  });

  it('finds nothing in distinct names, however alike they look', () => {
    expect(collidingEntries(['evidence/a.csv', 'evidence/a.csv.evidence.yaml', 'evidence/\u00e4.csv', 'evidence/a-1.csv'])).toEqual([]);
  });
});
