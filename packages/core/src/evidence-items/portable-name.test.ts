import { describe, expect, it } from '@jest/globals';
import { portableNameCollisions, unportableNamePart } from './portable-name.js';

describe('unportableNamePart', () => {
  it.each([
    ['evidence/back\\slash.csv', 'the character `\\\\`'],
    ['evidence/a:b/c.csv', 'the character `:`'],
    ['evidence/tab\there.csv', 'the character `\\t`'],
    ['evidence/Q1./a.csv', 'a name ending in a dot'],
    ['evidence/a.csv ', 'a name ending in a space'],
    ['evidence/aux.txt', '`aux.txt`, a device name Windows reserves'],
    ['evidence/x?/COM9', 'the character `?`'],
  ])('says why %j cannot be written everywhere, by its first such part', (path, problem) => {
    expect(unportableNamePart(path)).toBe(problem);
  });

  it('accepts names every operating system can write, however unusual', () => {
    for (const path of ['evidence/r\u00e9sum\u00e9 2026 (final).csv', 'evidence/console.csv', 'evidence/aux-log.txt', 'evidence/.hidden.csv', 'a..b/c']) expect(unportableNamePart(path)).toBeUndefined();
  });
});

describe('portableNameCollisions', () => {
  it('maps each path that differs from an earlier one only in letter case or Unicode form to that earlier one', () => {
    const found = portableNameCollisions(['e/A.csv', 'e/a.csv', 'e/b.csv', 'e/caf\u00e9.csv', 'e/CAFE\u0301.csv', 'e/A.CSV']);
    expect([...found]).toEqual([
      ['e/a.csv', 'e/A.csv'],
      ['e/CAFE\u0301.csv', 'e/caf\u00e9.csv'],
      ['e/A.CSV', 'e/A.csv'],
    ]);
  });

  it('does not take a path given twice for two paths', () => {
    expect(portableNameCollisions(['e/a.csv', 'e/a.csv']).size).toBe(0);
  });
});
