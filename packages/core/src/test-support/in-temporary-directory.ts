import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Run `test` in a new temporary directory named after `prefix`, removed afterwards whatever happens. */
export async function inTemporaryDirectory(prefix: string, test: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  try {
    await test(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
