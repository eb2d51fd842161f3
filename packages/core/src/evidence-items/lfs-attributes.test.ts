import { describe, expect, it } from '@jest/globals';
import { attributeFolders, isLfsTracked, isLfsTrackedBy } from './lfs-attributes.js';

describe('isLfsTracked', () => {
  const attributes = ['# evidence', 'evidence/** -text', 'evidence/**/*.pdf filter=lfs diff=lfs merge=lfs -text', '*.zip filter=lfs', '/evidence/keep/*.zip -filter', 'evidence/**/*.[Pp][Nn][Gg] filter=lfs'].join('\n');

  it('follows the patterns people write for LFS, later lines winning', () => {
    expect(isLfsTracked(attributes, 'evidence/AC-01/2026-Q3/review.pdf')).toBe(true);
    expect(isLfsTracked(attributes, 'evidence/review.pdf')).toBe(true);
    expect(isLfsTracked(attributes, 'docs/review.pdf')).toBe(false);
    expect(isLfsTracked(attributes, 'evidence/AC-01/2026-Q3/review.csv')).toBe(false);
    expect(isLfsTracked(attributes, 'anywhere/logs.zip')).toBe(true);
    expect(isLfsTracked(attributes, 'evidence/keep/logs.zip')).toBe(false);
    expect(isLfsTracked(attributes, 'evidence/AC-01/2026-07/screen.PNG')).toBe(true);
  });

  it('tracks nothing without a filter=lfs line', () => {
    expect(isLfsTracked('', 'evidence/a.pdf')).toBe(false);
    expect(isLfsTracked('evidence/** -text\n', 'evidence/a.pdf')).toBe(false);
  });
});

describe('isLfsTrackedBy', () => {
  it('reads each .gitattributes from its own folder, a deeper one overriding a shallower one, and ignores other folders', () => {
    const files = [
      { folder: '', text: 'compliance/evidence/**/*.pdf filter=lfs\n' },
      { folder: 'compliance/evidence/AC-01/', text: '*.csv filter=lfs\nkeep.pdf -filter\n' },
      { folder: 'other/', text: '*.csv filter=lfs\n' },
    ];
    expect(isLfsTrackedBy(files, 'compliance/evidence/HR-01/a.pdf')).toBe(true);
    expect(isLfsTrackedBy(files, 'compliance/evidence/HR-01/a.csv')).toBe(false);
    expect(isLfsTrackedBy(files, 'compliance/evidence/AC-01/2026/a.csv')).toBe(true);
    expect(isLfsTrackedBy(files, 'compliance/evidence/AC-01/keep.pdf')).toBe(false);
    expect(isLfsTrackedBy([], 'a.pdf')).toBe(false);
  });

  it('names the folders whose .gitattributes can apply to a path', () => {
    expect(attributeFolders('a.pdf')).toEqual(['']);
    expect(attributeFolders('compliance/evidence/a.pdf')).toEqual(['', 'compliance/', 'compliance/evidence/']);
  });
});
