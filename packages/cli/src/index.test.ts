import { describe, expect, it } from '@jest/globals';
import * as api from './index.js';

/**
 * The public API of `@evident/cli`, pinned: adding, renaming or removing an export
 * is a deliberate change to this list (and to the package's version).
 */
const exported = [
  'ExitCode',
  'UsageError',
  'VERSION',
  'commandHelp',
  'commands',
  'groupHelp',
  'mainHelp',
  'runCli',
];

describe('@evident/cli', () => {
  it('exports exactly the pinned names', () => {
    expect(Object.keys(api).sort()).toEqual(exported);
  });

  it('keeps the pinned list sorted and free of repeats', () => {
    expect([...new Set(exported)].sort()).toEqual(exported);
  });

  it('defines every exported name: none is undefined (a re-export of a name the module does not have)', () => {
    expect(Object.entries(api).filter(([, value]) => value === undefined).map(([name]) => name)).toEqual([]);
  });
});
