import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../diagnostic.js';
import { flatString } from '../flat-string.js';
import { fileFault } from './file-fault.js';
import { skipsFolder } from './skips-folder.js';

/** Files of a walk, with what the listing saw of each: most are regular files, a few links or special files. */
export interface ListedEntries {
  /** Repository-relative POSIX paths, sorted, as `listFiles` lists them without a filter. */
  files: string[];
  /** Those that are symbolic links (never followed). */
  links: ReadonlySet<string>;
  /** Those that are neither regular files nor links (FIFOs, sockets, devices). */
  special: ReadonlySet<string>;
  /** Whether the walk listed the folder `watch` (through real folders only, as a walk from it would). */
  reached: boolean;
}

export interface ListEntriesOptions {
  /** A folder whose listing other readers share: folders under it that cannot be listed are reported in `faults`. */
  watch?: string;
  faults?: Finding[];
}

/**
 * The files under `dir` (relative to `root`), walked as `listFiles` walks (dot-folders, build output and
 * dependencies skipped, links to folders not followed), with each file's kind from the listing itself,
 * so that one walk serves every reader of the repository. Only folders under `watch` are reported when
 * they cannot be listed (the other readers report nothing).
 */
export async function listEntries(root: string, dir: string, options: ListEntriesOptions = {}): Promise<ListedEntries> {
  const files: string[] = [];
  const links = new Set<string>();
  const special = new Set<string>();
  const { watch, faults } = options;
  let reached = false;
  const watched = (relative: string) => watch !== undefined && (relative === watch || relative.startsWith(`${watch}/`));
  async function walk(relative: string): Promise<void> {
    if (relative === watch) reached = true;
    const entries = await readdir(path.join(root, relative), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT' && error.code !== 'ENOTDIR' && watched(relative)) faults?.push(fileFault(error, relative === '' ? '.' : relative, 'folder'));
      return [];
    });
    for (const entry of entries) {
      const child = relative === '' || relative === '.' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!skipsFolder(entry.name)) await walk(child);
        continue;
      }
      // Kept for the whole run (the model's file list, evidence paths): stored flat, not as the pieces it was joined from.
      const file = flatString(child);
      files.push(file);
      if (entry.isSymbolicLink()) links.add(file);
      else if (!entry.isFile()) special.add(file);
    }
  }
  await walk(dir === '.' ? '' : dir.replace(/\/+$/, ''));
  return { files: files.sort(), links, special, reached };
}
