import { describe, expect, it } from '@jest/globals';
import { editDistance } from './edit-distance.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['', 'check', 5],
    ['check', '', 5],
    ['check', 'check', 0],
    ['chek', 'check', 1],
    ['checkk', 'check', 1],
    ['chack', 'check', 1],
    ['statsu', 'status', 1],
    ['fromat', 'format', 1],
    ['ca', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['Check', 'check', 1],
  ])('counts the edits from `%s` to `%s` as %d', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});
