import { describe, expect, it } from '@jest/globals';
import { csvRows, parseCsv } from './parse-csv.js';

describe('parseCsv', () => {
  it('reads quoted fields with commas, line breaks and doubled quotes, and a last line without a line break', () => {
    expect(parseCsv('file,notes\na.csv,"one, two"\nb.csv,"two\nlines, ""quoted"""\nc.csv,')).toEqual([
      ['file', 'notes'],
      ['a.csv', 'one, two'],
      ['b.csv', 'two\nlines, "quoted"'],
      ['c.csv', ''],
    ]);
  });

  it('reads CRLF line ends and gives no row for an empty text or a final line break', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});

describe('csvRows', () => {
  it('counts rows after the header, a line break inside a quoted field and a last line without one included', () => {
    expect(csvRows(Buffer.from(''))).toBe(0);
    expect(csvRows(Buffer.from('id,detail\n'))).toBe(0);
    expect(csvRows(Buffer.from('id,detail\na,"two\nlines, and ""quotes"""\nb,x\n'))).toBe(2);
    expect(csvRows(Buffer.from('id,detail\na,x\nb,y'))).toBe(2);
  });
});
