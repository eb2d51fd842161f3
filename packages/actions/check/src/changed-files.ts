import type { Git } from './git.js';

/** How HEAD differs from a commit, paths relative to the work tree's top level. */
export interface ChangedFiles {
  /** Every path that differs, both sides of a rename included. */
  changed: string[];
  /** Those `commit` has and HEAD modifies or deletes (a type change counts as modified): files the change does not add. */
  rewritten: { path: string; status: 'modified' | 'deleted' }[];
}

/** The paths that differ between `commit` and HEAD, from one `git diff`. `git` runs at the work tree's top level. */
export async function changedFiles(git: Git, commit: string): Promise<ChangedFiles> {
  const fields = (await git(['diff', '--name-status', '-z', '--no-renames', '--no-ext-diff', commit, 'HEAD', '--'])).split('\0');
  const changed: string[] = [];
  const rewritten: ChangedFiles['rewritten'] = [];
  // Records of `<status>\0<path>\0`; without renames, one path each.
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [status, file] = [fields[i]!, fields[i + 1]!];
    changed.push(file);
    if (status === 'D') rewritten.push({ path: file, status: 'deleted' });
    else if (status === 'M' || status === 'T') rewritten.push({ path: file, status: 'modified' });
  }
  return { changed, rewritten };
}
