import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { ConfigNotFoundError, readRepository, type RepositorySnapshot, type Validators } from '@evident/core';
import { GitError, type Git } from './git.js';

export interface ReadBaseCheckoutOptions {
  /** The repository root relative to the work tree's top level: `''` or `sub/dir/`. */
  prefix: string;
  validators: Validators;
}

/**
 * The Evident files of the base commit read from a checkout of it (the workflow's second
 * checkout, `.evident-base`), which is faster than a temporary checkout from git.
 * Undefined when that directory is not the top level of a git work tree at `commit`: the
 * caller then reads the base from git. `snapshot` is undefined when the base has no
 * evident.yaml. `git` runs in `dir`.
 */
export async function readBaseCheckout(dir: string, git: Git, commit: string, options: ReadBaseCheckoutOptions): Promise<{ snapshot: RepositorySnapshot | undefined } | undefined> {
  const found = await git(['rev-parse', '--show-toplevel', 'HEAD']).catch((error: unknown) => {
    // A missing directory fails to spawn (ENOENT); a directory outside any work tree fails in git.
    if (error instanceof GitError || (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  });
  const [toplevel = '', head = ''] = (found ?? '').trim().split('\n');
  if (!found || head !== commit) return undefined;
  // git walks up from a plain directory to an enclosing work tree: insist on the checkout itself.
  if ((await realpath(dir).catch(() => '')) !== (await realpath(toplevel).catch(() => ''))) return undefined;
  try {
    // The base side needs no evidence digests (the workflow's base checkout leaves the evidence folder out).
    return { snapshot: await readRepository(path.join(toplevel, options.prefix), { validators: options.validators, evidenceHashing: { only: new Set() } }) };
  } catch (error) {
    if (error instanceof ConfigNotFoundError) return { snapshot: undefined };
    throw error;
  }
}
