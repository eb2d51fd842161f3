import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlannedFile } from './plan-init.js';

export interface WriteResult {
  written: string[];
  /** Files that already existed: left untouched. */
  conflicts: string[];
}

/** Write files that do not exist yet; never overwrite (the `wx` flag makes the check and the write one step). */
export async function writePlannedFiles(root: string, files: readonly PlannedFile[]): Promise<WriteResult> {
  const result: WriteResult = { written: [], conflicts: [] };
  for (const file of files) {
    const target = path.join(root, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    try {
      await writeFile(target, file.text, { flag: 'wx' });
      result.written.push(file.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      result.conflicts.push(file.path);
    }
  }
  return result;
}
