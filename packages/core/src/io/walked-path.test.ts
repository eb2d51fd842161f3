import { describe, expect, it } from '@jest/globals';
import { walkedPath } from './walked-path.js';

describe('walkedPath', () => {
  it('gives the path a walk from the root lists a folder under, without trailing slashes', () => {
    expect(walkedPath('evidence')).toBe('evidence');
    expect(walkedPath('compliance/evidence/')).toBe('compliance/evidence');
  });

  it('gives nothing for a folder such a walk never enters, or spelled otherwise than the walk spells it', () => {
    for (const dir of ['.', '', '/', '.evidence', 'a/.hidden/evidence', 'node_modules/x', 'build/dist/evidence', 'lib', 'out/e', './evidence', 'a//b', '../evidence', 'a\\b']) {
      expect(walkedPath(dir)).toBeUndefined();
    }
  });
});
