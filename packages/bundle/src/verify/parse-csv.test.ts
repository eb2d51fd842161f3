import { describe, expect, it } from '@jest/globals';
import { parseCsv } from './parse-csv.js';

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
