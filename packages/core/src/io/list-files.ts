import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { flatString } from '../flat-string.js';

const skipped: ReadonlySet<string> = new Set(['node_modules', '.git', 'dist', 'lib', 'out']);

/**
 * Repository-relative POSIX paths of the files under `dir` (relative to `root`),
 * sorted, skipping dot-folders, build output and dependencies. A missing folder
 * lists nothing.
 */
export async function listFiles(root: string, dir: string, filter: (file: string) => boolean = () => true): Promise<string[]> {
  const out: string[] = [];
  async function walk(relative: string): Promise<void> {
    const entries = await readdir(path.join(root, relative), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return [];
      throw error;
    });
    for (const entry of entries) {
      const child = relative === '' || relative === '.' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !skipped.has(entry.name)) await walk(child);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && filter(child)) {
        // Kept for the whole run (the model's file list, evidence paths): stored flat, not as the pieces it was joined from.
        out.push(flatString(child));
      }
    }
  }
  await walk(dir === '.' ? '' : dir.replace(/\/+$/, ''));
  return out.sort();
}
