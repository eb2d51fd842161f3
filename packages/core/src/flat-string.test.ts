import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import path from 'node:path';
import { assertProperty } from '../test/property-seed.js';
import { flatString } from './flat-string.js';

describe('flatString', () => {
  it('returns the same text, whatever it is', () => {
    assertProperty(fc.property(fc.array(fc.string()), (pieces) => {
      const joined = pieces.reduce((text, piece) => text + piece, '');
      expect(flatString(joined)).toBe(pieces.join(''));
    }));
  });

  it('keeps paths built by path.join and template literals equal to their text', () => {
    const file = path.join('/repo', `evidence/${'AC-01'}/2026-Q2/item.pdf`);
    expect(flatString(file)).toBe('/repo/evidence/AC-01/2026-Q2/item.pdf');
    expect(flatString('12')).toBe('12');
  });
});
