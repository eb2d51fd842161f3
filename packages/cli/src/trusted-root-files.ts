import type { TrustedRootFile } from '@evident/sigstore';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliIo } from './cli-io.js';
import { UsageError } from './exit-codes.js';

/**
 * The `--trusted-root` files, read and checked: a file that cannot be read, or is not a Sigstore
 * trusted root (JSON or JSON Lines), is a usage error naming the file and line (exit 2).
 */
export async function trustedRootFiles(values: Record<string, unknown>, io: CliIo): Promise<TrustedRootFile[]> {
  const given = values['trusted-root'];
  const names = Array.isArray(given) ? given.map(String) : typeof given === 'string' ? [given] : [];
  if (names.length === 0) return [];
  const { parseTrustedRoots, TrustedRootError } = await import('@evident/sigstore');
  const files: TrustedRootFile[] = [];
  for (const name of names) {
    let text: string;
    try {
      text = await readFile(path.resolve(io.cwd, name), 'utf8');
    } catch (error) {
      throw new UsageError(`Cannot read --trusted-root \`${name}\` (${(error as NodeJS.ErrnoException).code ?? 'error'}), expected a Sigstore trusted root file`);
    }
    try {
      parseTrustedRoots(text, name);
    } catch (error) {
      if (error instanceof TrustedRootError) throw new UsageError(error.message);
      throw error;
    }
    files.push({ file: name, text });
  }
  return files;
}
