import type { Git } from './git.js';

/**
 * Paths (relative to the work tree's top level) that differ between `commit` and HEAD, both
 * sides of a rename included. `git` runs at the work tree's top level.
 */
export async function changedFiles(git: Git, commit: string): Promise<string[]> {
  const out = await git(['diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', commit, 'HEAD', '--']);
  return out.split('\0').filter((file) => file !== '');
}
