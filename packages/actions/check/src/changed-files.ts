import type { Git } from './git.js';

/**
 * Paths (relative to the work tree's top level) that differ between `commit` and HEAD, both
 * sides of a rename included. `git` runs at the work tree's top level.
 */
export async function changedFiles(git: Git, commit: string): Promise<string[]> {
  const out = await git(['diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', commit, 'HEAD', '--']);
  return out.split('\0').filter((file) => file !== '');
}

/**
 * Paths (relative to the work tree's top level) that `commit` has and HEAD modifies or deletes
 * (a type change counts as modified): files the change does not add. `git` runs at the top level.
 */
export async function rewrittenFiles(git: Git, commit: string): Promise<{ path: string; status: 'modified' | 'deleted' }[]> {
  const fields = (await git(['diff', '--name-status', '-z', '--no-renames', '--no-ext-diff', '--diff-filter=MDT', commit, 'HEAD', '--'])).split('\0');
  const out: { path: string; status: 'modified' | 'deleted' }[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) out.push({ path: fields[i + 1]!, status: fields[i] === 'D' ? 'deleted' : 'modified' });
  return out;
}
