import { describe, expect, it } from '@jest/globals';
import { csvRows } from './parse-csv.js';

describe('csvRows', () => {
  it('counts rows after the header, a line break inside a quoted field and a last line without one included', () => {
    expect(csvRows(Buffer.from(''))).toBe(0);
    expect(csvRows(Buffer.from('id,detail\n'))).toBe(0);
    expect(csvRows(Buffer.from('id,detail\na,"two\nlines, and ""quotes"""\nb,x\n'))).toBe(2);
    expect(csvRows(Buffer.from('id,detail\na,x\nb,y'))).toBe(2);
  });
});
