import { describe, expect, it } from '@jest/globals';
import { printable, printableJson, printableValues } from './printable.js';

describe('printable', () => {
  it('leaves ordinary text, accents and other scripts alone', () => {
    expect(printable('evidence/AC-01/Zugriffsprüfung 2026 – 東京.csv')).toBe('evidence/AC-01/Zugriffsprüfung 2026 – 東京.csv');
  });

  it('shows ANSI sequences, line breaks and other C0 controls as escapes', () => {
    expect(printable('\u001b[32mOK\u001b[0m all\r\nfine\t\u0000\u0007')).toBe('\\x1b[32mOK\\x1b[0m all\\r\\nfine\\t\\x00\\x07');
  });

  it('shows DEL, C1 controls (the one-character CSI) and bidirectional overrides as escapes', () => {
    expect(printable('a\u007fb\u009b2Jc\u0085\u202etxt.exe\u2066')).toBe('a\\x7fb\\x9b2Jc\\x85\\u202etxt.exe\\u2066');
  });
});

describe('printableJson', () => {
  it('gives JSON of the same value with no raw control character in it', () => {
    const value = { file: 'a\u001b[2J\u009b\u202e.csv', n: 1 };
    const json = printableJson(value);
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(JSON.parse(json)).toEqual(value);
    expect(json).toBe('{\n  "file": "a\\u001b[2J\\u009b\\u202e.csv",\n  "n": 1\n}');
  });
});

describe('printableValues', () => {
  it('copies objects and arrays with every string made printable, and keeps other values', () => {
    const when = new Date('2026-10-02T00:00:00Z');
    const value = { title: 'x\u001b[2J', n: 3, ok: true, none: null, rows: [{ id: 'a\u0007', at: when }], tags: ['\u202eb'] };
    expect(printableValues(value)).toEqual({ title: 'x\\x1b[2J', n: 3, ok: true, none: null, rows: [{ id: 'a\\x07', at: when }], tags: ['\\u202eb'] });
    expect(value.title).toBe('x\u001b[2J');
  });
});
