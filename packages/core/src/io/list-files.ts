import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../diagnostic.js';
import { flatString } from '../flat-string.js';
import { fileFault } from './file-fault.js';
import { linkedFolderFault } from './linked-folder-fault.js';
import { skipsFolder } from './skips-folder.js';

export interface ListOptions {
  /**
   * Where folders that cannot be listed (no permission, I/O error) and linked folders (never
   * followed) are reported, at their repository path. Without it they are passed over silently.
   */
  faults?: Finding[];
}

/**
 * Repository-relative POSIX paths of the files under `dir` (relative to `root`),
 * sorted, skipping dot-folders, build output and dependencies. A missing folder
 * lists nothing. Links and special files (FIFOs, sockets, devices) are listed
 * when `filter` accepts their name, so that reading them reports what they are;
 * a link to a folder is never followed (no loops, nothing from outside).
 */
export async function listFiles(root: string, dir: string, filter: (file: string) => boolean = () => true, options: ListOptions = {}): Promise<string[]> {
  const out: string[] = [];
  const { faults } = options;
  async function walk(relative: string): Promise<void> {
    const entries = await readdir(path.join(root, relative), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT' && error.code !== 'ENOTDIR') faults?.push(fileFault(error, relative === '' ? '.' : relative, 'folder'));
      return [];
    });
    for (const entry of entries) {
      const child = relative === '' || relative === '.' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!skipsFolder(entry.name)) await walk(child);
      } else if (filter(child)) {
        // Kept for the whole run (the model's file list, evidence paths): stored flat, not as the pieces it was joined from.
        out.push(flatString(child));
      } else if (entry.isSymbolicLink() && faults && !entry.name.startsWith('.')) {
        const fault = await linkedFolderFault(root, child);
        if (fault) faults.push(fault);
      }
    }
  }
  await walk(dir === '.' ? '' : dir.replace(/\/+$/, ''));
  return out.sort();
}
