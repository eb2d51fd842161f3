import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CONFIG_FILE, defaultPaths, loadConfig, readRepository, type RepositorySnapshot, type Validators } from '@evident/core';
import { GitError, type Git } from './git.js';

/** The base commit is not in the checkout: an environment fault, not a finding. */
export class BaseNotFoundError extends Error {
  override name = 'BaseNotFoundError';
  constructor(readonly ref: string) {
    super(`Unexpected missing base commit \`${ref}\`, expected it in the checkout: set \`fetch-depth: 0\` on actions/checkout`);
  }
}

/** Where a directory sits in its git work tree: the top level, and the directory relative to it (`''` or `sub/dir/`). */
export async function locateInWorkTree(git: Git): Promise<{ toplevel: string; prefix: string }> {
  const [toplevel = '', prefix = ''] = (await git(['rev-parse', '--show-toplevel', '--show-prefix'])).split('\n');
  return { toplevel, prefix };
}

/** The full SHA of a commit-ish, or BaseNotFoundError. */
export async function resolveCommit(git: Git, ref: string): Promise<string> {
  if (ref.startsWith('-')) throw new BaseNotFoundError(ref);
  try {
    return (await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim();
  } catch (error) {
    if (error instanceof GitError) throw new BaseNotFoundError(ref);
    throw error;
  }
}

/**
 * The first parent of HEAD when HEAD is a merge whose second parent is `headSha` (the
 * test merge GitHub checks out for a pull request), else undefined.
 */
export async function mergeBase(git: Git, headSha: string): Promise<string | undefined> {
  const line = await git(['rev-list', '--parents', '-n', '1', 'HEAD']).catch((error: unknown) => {
    if (error instanceof GitError) return '';
    throw error;
  });
  const [, first, second, ...more] = line.trim().split(' ');
  return second === headSha && more.length === 0 ? first : undefined;
}

export interface ReadBaseOptions {
  /** The repository root relative to the work tree's top level: `''` or `sub/dir/`. */
  prefix: string;
  validators: Validators;
  /** Parent of the temporary checkout (default: the system temporary directory). */
  tmpDir?: string;
}

/**
 * The Evident files of a repository as they stood at `commit` (evident.yaml, the roster,
 * the catalog, policies and controls), read with core's readRepository from a temporary
 * checkout. The checkout uses a private index and directory: the repository's work tree,
 * index and refs are untouched. Undefined when the commit has no evident.yaml there.
 * `git` runs at the work tree's top level.
 */
export async function readBaseRepository(git: Git, commit: string, options: ReadBaseOptions): Promise<RepositorySnapshot | undefined> {
  const configPath = path.posix.join(options.prefix, CONFIG_FILE);
  const configText = await git(['cat-file', 'blob', `${commit}:${configPath}`]).catch((error: unknown) => {
    if (error instanceof GitError) return undefined; // no evident.yaml there (the commit itself was resolved before)
    throw error;
  });
  if (configText === undefined) return undefined;
  const paths = loadConfig({ path: CONFIG_FILE, text: configText }, options.validators).config?.paths ?? defaultPaths;
  const wanted = [CONFIG_FILE, paths.people, paths.policies, paths.controls, `${paths.frameworks}/soc2/criteria.yaml`]
    .map((p) => path.posix.join(options.prefix, p))
    .filter((p) => p !== '..' && !p.startsWith('../'));
  const entries = await listTree(git, commit, wanted);

  const tmp = await mkdtemp(path.join(options.tmpDir ?? os.tmpdir(), 'evident-base-'));
  try {
    const env = { GIT_INDEX_FILE: path.join(tmp, 'index') };
    await git(['update-index', '-z', '--index-info'], { env, input: entries.join('\0') + '\0' });
    await git(['checkout-index', '--all', '--force', `--prefix=${path.join(tmp, 'tree')}${path.sep}`], { env });
    return await readRepository(path.join(tmp, 'tree', options.prefix), { validators: options.validators });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** `ls-tree` entries (blobs and symlinks) under the given paths, in the format update-index reads. */
async function listTree(git: Git, commit: string, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const out = await git(['--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree', commit, '--', ...paths]);
  return out.split('\0').filter((entry) => / blob [0-9a-f]+\t/.test(entry));
}
