import { describe, expect, it } from '@jest/globals';
import { counted } from './counted.js';

describe('counted', () => {
  it('puts the noun in the singular for one only', () => {
    expect([0, 1, 2].map((n) => counted(n, 'file'))).toEqual(['0 files', '1 file', '2 files']);
  });

  it('takes an irregular plural', () => {
    expect([1, 3].map((n) => counted(n, 'person', 'people'))).toEqual(['1 person', '3 people']);
    expect(counted(2, 'evidence record')).toBe('2 evidence records');
  });
});
