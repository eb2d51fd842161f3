import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CONFIG_FILE, defaultPaths, loadConfig, readRepository, type RepositorySnapshot, type Validators } from '@evident/core';
import type { EnsureBlobs } from './blob-fetcher.js';
import { GitError, type Git } from './git.js';
import { readBlobs } from './read-blobs.js';

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
  /** The work tree's top level, where git runs (default: asked of git). */
  toplevel?: string;
  /** Parent of the temporary folder (default: the system temporary directory). */
  tmpDir?: string;
  /** For a partial clone: brings the blobs to be read into the repository first, in one fetch. */
  ensure?: EnsureBlobs;
}

/**
 * The Evident files of a repository as they stood at `commit` (evident.yaml, the roster,
 * the catalog, policies and controls), read with core's readRepository from a temporary
 * folder where their blobs are written byte for byte (links as links). No checkout: the
 * repository's work tree, index and refs are untouched, and its attributes play no part.
 * Undefined when the commit has no evident.yaml there. `git` runs at the work tree's top level.
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
    const tree = path.join(tmp, 'tree');
    // The blobs as committed, written byte for byte: no checkout, so nothing of the work tree (the
    // pull request's .gitattributes: encodings, line endings, filters) changes how the base reads.
    await options.ensure?.(entries.map((entry) => entry.oid));
    const blobs = await readBlobs(options.toplevel ?? (await locateInWorkTree(git)).toplevel, entries.map((entry) => entry.oid));
    // Files first, links last, so that no file is written through a link; a path git itself would
    // refuse to check out (`..`, `.git`, empty parts) is left out.
    const written = entries.map((entry, index) => ({ file: path.join(tree, ...entry.path.split('/')), link: entry.mode === '120000', blob: blobs[index]! })).filter((_, index) => safePath(entries[index]!.path));
    for (const folder of new Set(written.map(({ file }) => path.dirname(file)))) await mkdir(folder, { recursive: true });
    // Hundreds of small files: written a batch at a time rather than one after another.
    const files = written.filter((w) => !w.link);
    for (let start = 0; start < files.length; start += 64) await Promise.all(files.slice(start, start + 64).map(({ file, blob }) => writeFile(file, blob, { flag: 'wx' })));
    for (const { file, blob } of written.filter((w) => w.link)) await symlink(blob.toString('utf8'), file);
    await mkdir(path.join(tree, options.prefix), { recursive: true });
    return await readRepository(path.join(tree, options.prefix), { validators: options.validators });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** A committed path that stays inside the folder it is written to. */
function safePath(file: string): boolean {
  return file.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && part.toLowerCase() !== '.git' && !part.includes('\\'));
}

interface TreeEntry {
  mode: string;
  oid: string;
  path: string;
}

/** `ls-tree` entries (blobs and symlinks) under the given paths. */
async function listTree(git: Git, commit: string, paths: readonly string[]): Promise<TreeEntry[]> {
  if (paths.length === 0) return [];
  const out = await git(['--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree', commit, '--', ...paths]);
  const entries: TreeEntry[] = [];
  for (const line of out.split('\0')) {
    const match = /^(\d{6}) blob ([0-9a-f]+)\t(.+)$/s.exec(line);
    if (match) entries.push({ mode: match[1]!, oid: match[2]!, path: match[3]! });
  }
  return entries;
}
