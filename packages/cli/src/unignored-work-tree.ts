import { realpath } from 'node:fs/promises';
import path from 'node:path';

/**
 * The top of the git work tree that holds `file` when git would not ignore it there (so
 * `git add -A` would commit it), undefined when it is outside any work tree or ignored. Git runs
 * through simple-git with the path as an argument, never through a shell. A folder that does not
 * exist, or no git at all, is outside any work tree: writing there fails or commits nothing.
 */
export async function unignoredWorkTree(file: string): Promise<string | undefined> {
  let folder: string;
  try {
    // Real paths: git names the work tree by its real path, and a symbolic link such as macOS's
    // /var -> /private/var would otherwise put the file "outside repository".
    folder = await realpath(path.dirname(file));
  } catch {
    return undefined;
  }
  const { simpleGit } = await import('simple-git');
  const git = simpleGit(folder);
  let top: string;
  try {
    if ((await git.revparse(['--is-inside-work-tree'])).trim() !== 'true') return undefined;
    top = (await git.revparse(['--show-toplevel'])).trim();
  } catch {
    return undefined;
  }
  const ignored = await git.checkIgnore([path.join(folder, path.basename(file))]);
  return ignored.length > 0 ? undefined : top;
}
