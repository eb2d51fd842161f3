import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { assertProperty } from '../../test/property-seed.js';
import { portableNameCollisions, unportableNamePart } from './portable-name.js';

/** The rules part by part, as written in the docs: what the whole-path fast test must agree with. */
function partByPart(path: string): boolean {
  return path.split('/').some((part) => /[\\:*?"<>|\u0000-\u001f\u007f]/.test(part) || /[. ]$/.test(part) || /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i.test(part));
}

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

describe('unportableNamePart on any path', () => {
  it('finds a problem exactly when some part has one', () => {
    const piece = fc.constantFrom('a', 'Z', '0', '.', ' ', '/', '-', ':', '\\', '\t', 'con', 'AUX', 'nul', 'com1', 'lpt9', 'com0', '.txt', 'e\u0301', '\u00e9');
    assertProperty(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const path = pieces.join('');
        expect(unportableNamePart(path) !== undefined).toBe(partByPart(path));
      }),
    );
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
