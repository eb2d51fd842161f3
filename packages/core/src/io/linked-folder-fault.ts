import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../diagnostic.js';

/** The finding for a listed symbolic link that leads to a folder (or loops), which walks never follow; undefined for any other link. */
export async function linkedFolderFault(root: string, file: string): Promise<Finding | undefined> {
  const linked = await stat(path.join(root, file)).then(
    (info) => info.isDirectory(),
    (error: NodeJS.ErrnoException) => error.code === 'ELOOP',
  );
  return linked ? { ruleId: 'parse/symlink', message: 'Unexpected symbolic link to a folder, expected a real folder (linked folders are not followed)', file } : undefined;
}
