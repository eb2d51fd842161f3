import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { assertProperty } from '../../test/property-seed.js';
import { csvChunks, toCsv } from './csv.js';

describe('csvChunks', () => {
  it('gives the document toCsv gives, whatever the chunk size', () => {
    const field = fc.oneof(fc.string(), fc.integer(), fc.constant(undefined), fc.constantFrom('=SUM(A1)', 'a,b', 'say "hi"', 'two\r\nlines'));
    assertProperty(
      fc.property(fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { maxLength: 40 }), fc.integer({ min: 1, max: 50 }), (rows, size) => {
        const headers = ['a', 'b', 'c'];
        expect([...csvChunks(headers, rows, (row) => row, size)].join('')).toBe(toCsv(headers, rows));
      }),
    );
  });

  it('builds rows a chunk at a time', () => {
    const built: number[] = [];
    const chunks = csvChunks(['n'], [1, 2, 3, 4, 5], (n) => (built.push(n), [n]), 2);
    expect(chunks.next().value).toBe('n\r\n');
    expect(built).toEqual([]);
    expect(chunks.next().value).toBe('1\r\n2\r\n');
    expect(built).toEqual([1, 2]);
    expect([...chunks]).toEqual(['3\r\n4\r\n', '5\r\n']);
  });
});
