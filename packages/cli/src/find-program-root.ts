import { CONFIG_FILE } from '@evident/core';
import { lstatSync } from 'node:fs';
import path from 'node:path';

/** Whether `file` exists, as anything (a link that leads nowhere included: reading it says why it cannot be read). */
const exists = (file: string) => lstatSync(file, { throwIfNoEntry: false }) !== undefined;

/**
 * The program `start` is in, as git finds its repository: the nearest folder holding evident.yaml,
 * from `start` up to the top of its git work tree (the folder holding `.git`), or up to the file
 * system root outside git; undefined when there is none. An evident.yaml above the work tree belongs
 * to another repository and is never used.
 */
export function findProgramRoot(start: string): string | undefined {
  for (let folder = path.resolve(start); ; folder = path.dirname(folder)) {
    if (exists(path.join(folder, CONFIG_FILE))) return folder;
    if (exists(path.join(folder, '.git')) || path.dirname(folder) === folder) return undefined;
  }
}
