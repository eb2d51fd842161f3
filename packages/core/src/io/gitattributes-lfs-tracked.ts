import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LfsTracked } from '../evidence-items/hash-evidence-files.js';
import { isLfsTracked } from '../evidence-items/lfs-attributes.js';

/**
 * The files Git LFS tracks per the `.gitattributes` at `root` (the program's root, where `evident
 * init` writes it and `git lfs track` run there adds to it), read when first asked: the working
 * tree's answer to which pointer-shaped evidence files are pointers. No `.gitattributes`, or one that
 * cannot be read, tracks nothing. The same file decides with or without Git, so a copy of the program
 * outside a Git repository reads its evidence as a clone does.
 */
export function gitattributesLfsTracked(root: string): LfsTracked {
  let text: Promise<string> | undefined;
  return async (files) => {
    text ??= readFile(path.join(root, '.gitattributes'), 'utf8').catch(() => '');
    const attributes = await text;
    return new Set(files.filter((file) => isLfsTracked(attributes, file)));
  };
}
