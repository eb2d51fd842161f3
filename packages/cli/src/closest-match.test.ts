import { describe, expect, it } from '@jest/globals';
import { closestMatch } from './closest-match.js';

const commands = ['init', 'check', 'coverage', 'status', 'bundle', 'verify', 'evidence add', 'evidence collect', 'evidence verify'];

describe('closestMatch', () => {
  it.each([
    ['chek', 'check'],
    ['chekc', 'check'],
    ['CHECK', 'check'],
    ['statsu', 'status'],
    ['bundel', 'bundle'],
    ['inti', 'init'],
    ['verfy', 'verify'],
    ['covrage', 'coverage'],
    ['evidence colect', 'evidence collect'],
    ['evidense add', 'evidence add'],
  ])('suggests `%s` → `%s`', (input, expected) => {
    expect(closestMatch(input, commands)).toBe(expected);
  });

  it.each([['frobnicate'], ['x'], ['in'], ['chequer'], [''], ['evidence']])('suggests nothing for `%s`', (input) => {
    expect(closestMatch(input, commands)).toBeUndefined();
  });

  it('prefers the nearest candidate, then the earlier one', () => {
    expect(closestMatch('form', ['from', 'format'])).toBe('from');
    expect(closestMatch('abcd', ['abce', 'abcf'])).toBe('abce');
  });

  it('never suggests for a one-letter input unless only its case differs', () => {
    expect(closestMatch('x', ['f', 'h'])).toBeUndefined();
    expect(closestMatch('F', ['f', 'h'])).toBe('f');
  });
});
