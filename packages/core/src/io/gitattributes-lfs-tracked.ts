import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LfsTracked } from '../evidence-items/hash-evidence-files.js';
import { attributeFolders, isLfsTrackedBy, type GitattributesFile } from '../evidence-items/lfs-attributes.js';

/**
 * The files Git LFS tracks per the working tree's `.gitattributes` files, read when first asked about
 * a file (only files that look like pointers are asked about): those of the file's folder and every
 * folder above it up to the top of the Git work tree holding `root` (found by its `.git`), or up to
 * `root` itself outside a Git work tree. No `.gitattributes` tracks nothing, so outside Git a pointer
 * is hashed as its own bytes unless a `.gitattributes` in the copy hands its path to LFS.
 */
export function gitattributesLfsTracked(root: string): LfsTracked {
  let top: Promise<{ dir: string; prefix: string }> | undefined;
  const texts = new Map<string, Promise<string | undefined>>();
  const read = (dir: string, folder: string) => {
    let text = texts.get(folder);
    if (!text) texts.set(folder, (text = readFile(path.join(dir, folder, '.gitattributes'), 'utf8').catch(() => undefined)));
    return text;
  };
  return async (files) => {
    top ??= workTreeTop(root);
    const { dir, prefix } = await top;
    const tracked = new Set<string>();
    for (const file of files) {
      const full = prefix + file;
      const folders = attributeFolders(full);
      const found: GitattributesFile[] = [];
      for (const [i, text] of (await Promise.all(folders.map((folder) => read(dir, folder)))).entries()) if (text !== undefined) found.push({ folder: folders[i]!, text });
      if (isLfsTrackedBy(found, full)) tracked.add(file);
    }
    return tracked;
  };
}

/** The top of the Git work tree holding `root` and `root`'s path from it (`''` or ending in `/`); `root` itself outside one. */
async function workTreeTop(root: string): Promise<{ dir: string; prefix: string }> {
  const start = path.resolve(root);
  for (let dir = start; ; dir = path.dirname(dir)) {
    const hasGit = await lstat(path.join(dir, '.git')).then(
      () => true,
      () => false,
    );
    if (hasGit) {
      const relative = path.relative(dir, start).split(path.sep).join('/');
      return { dir, prefix: relative ? `${relative}/` : '' };
    }
    if (path.dirname(dir) === dir) return { dir: start, prefix: '' };
  }
}
