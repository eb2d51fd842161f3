import { describe, expect, it } from '@jest/globals';
import { isLfsTracked } from './lfs-attributes.js';

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
