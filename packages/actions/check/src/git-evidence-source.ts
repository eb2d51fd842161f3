import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtemp, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { attributeFolders, isLfsTrackedBy, METADATA_SUFFIX, type EvidenceSource, type GitattributesFile, type LfsTracked } from '@evident/core';
import { createGit, GitError } from './git.js';
import type { EnsureBlobs } from './blob-fetcher.js';
import { takeBlobs } from './read-blobs.js';

const gitEnv = () => ({ ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' });

export interface GitEvidenceSourceOptions {
  /** Evidence files (root-relative) to read besides the metadata: the ones the gate re-hashes. */
  alsoRead?: ReadonlySet<string>;
  /** Other commits whose `.gitattributes` must hand a pointer-shaped file to LFS too (the base of a pull request). */
  lfsAlsoAt?: readonly string[];
  /** Blobs already at hand by object id (a metadata cache whose entries were checked against their ids): not read again. Awaited before the listing, so it can be read meanwhile. */
  cached?: ReadonlyMap<string, Uint8Array> | Promise<ReadonlyMap<string, Uint8Array> | undefined>;
  /**
   * Files (root-relative) never taken from `cached`: the ones the change adds or modifies. Their
   * blobs come from the repository, whose server checked them on push; the cache then only ever
   * answers for blobs the base already held.
   */
  uncached?: ReadonlySet<string>;
  /** For a partial clone: brings the blobs to be read into the repository first, in one fetch. */
  ensure?: EnsureBlobs;
}

/**
 * The evidence folder as committed at `commit`, read from git's tree and objects rather than the
 * working tree: the workflow's checkout can leave the folder out (tens of thousands of files), and the
 * gate reads only the blobs it needs (every metadata file, and the evidence files in `alsoRead`, the
 * ones it re-hashes). `cwd` is the work tree's top level; `prefix` is the program root's path from it.
 *
 * The tree is listed by `git ls-tree` and the blobs wanted are asked of one
 * `git cat-file --batch --buffer`, which writes them into a temporary file read once it is done.
 * A blob found in `cached` is taken from there instead. In a full clone listing and reading overlap:
 * each chunk of the listing is asked for as it arrives. In a partial clone (`ensure`) the blobs not
 * cached are first fetched together once the listing is complete, then read.
 *
 * A file that reads as a Git LFS pointer counts as one only where the `.gitattributes` files committed
 * at `commit` hand it to LFS (`lfsTracked`, asked only about pointer-shaped files), and, when
 * `lfsAlsoAt` names other commits (the base of a pull request), where theirs do too: a change cannot
 * hand a path to LFS for itself and have pointer text there stand for content that was never stored.
 */
export function gitEvidenceSource(cwd: string, commit: string, prefix: string, options: GitEvidenceSourceOptions = {}): (folder: string) => Promise<EvidenceSource> {
  const { alsoRead, lfsAlsoAt = [], ensure, uncached } = options;
  return async (folder) => {
    const cached = await options.cached;
    const where = path.posix.join(prefix, folder.replace(/^\.\//, '').replace(/\/+$/, ''));
    if (where === '..' || where.startsWith('../')) return { files: [], read: async () => new Map() };
    const wanted = (file: string) => file.endsWith(METADATA_SUFFIX) || alsoRead?.has(file) === true;
    const blobs = await BlobReader.open(cwd);
    // Wanted files read by git, by their index in git's answer; wanted files found in the cache.
    const requested = new Map<string, number>();
    const fromCache = new Map<string, Uint8Array>();
    // Every file's blob, by the file's index in `files`: a file not asked for now may be read later.
    const files: string[] = [];
    const blobOf: string[] = [];
    const links: string[] = [];
    // In a partial clone, what to fetch and read once the listing is complete.
    const pending: string[] = [];
    try {
      await listTree(cwd, commit, `${where}/`, (entries) => {
        const ask: string[] = [];
        for (const { link, oid, name } of entries) {
          if (!name.startsWith(prefix)) continue;
          const file = name.slice(prefix.length);
          if (link) {
            links.push(file);
            continue;
          }
          files.push(file);
          blobOf.push(oid);
          if (!wanted(file)) continue;
          const hit = uncached?.has(file) ? undefined : cached?.get(oid);
          if (hit) {
            fromCache.set(file, hit);
            continue;
          }
          requested.set(file, requested.size);
          ask.push(oid);
        }
        if (ensure) pending.push(...ask);
        else blobs.request(ask);
      });
      if (ensure && pending.length > 0) {
        await ensure(pending);
        blobs.request(pending);
      }
    } catch (error) {
      await blobs.abandon();
      throw error;
    }
    const prefetched = blobs.finish();
    return {
      files,
      links,
      lfsTracked: trackedAtEvery([commit, ...lfsAlsoAt].map((at) => committedLfsTracked(cwd, at, prefix))),
      read: async (list) => {
        const read = await prefetched;
        const out = new Map<string, Uint8Array>();
        const later: string[] = [];
        for (const file of list) {
          const hit = fromCache.get(file);
          const index = requested.get(file);
          if (hit) out.set(file, hit);
          else if (index !== undefined) out.set(file, read[index]!);
          else later.push(file);
        }
        // Files the listing did not know would be wanted: one more batch.
        const indexOf = later.length > 0 ? new Map(files.map((file, i) => [file, i])) : undefined;
        const known = later.filter((file) => indexOf?.has(file));
        if (known.length > 0) {
          const oids = known.map((file) => blobOf[indexOf!.get(file)!]!);
          await ensure?.(oids);
          const more = await BlobReader.open(cwd);
          more.request(oids);
          const extra = await more.finish();
          known.forEach((file, i) => out.set(file, extra[i]!));
        }
        return out;
      },
    };
  };
}

/**
 * Which files Git LFS tracks per the `.gitattributes` files committed at `commit`: those of each file's
 * folder and every folder above it up to the top of the repository (`prefix` is the program root's
 * path from there), as `evident check` reads them in a working tree. Read from git when first asked
 * about a file (only files that look like pointers are asked about); none committed tracks nothing.
 */
function committedLfsTracked(cwd: string, commit: string, prefix: string): LfsTracked {
  const git = createGit(cwd);
  const texts = new Map<string, Promise<string | undefined>>();
  return async (files) => {
    const full = files.map((file) => prefix + file);
    const wanted = [...new Set(full.flatMap(attributeFolders))].filter((folder) => !texts.has(folder));
    if (wanted.length > 0) {
      // `<mode> SP blob SP <oid> TAB <path>` for each of these paths the commit holds.
      const listed = git(['--literal-pathspecs', 'ls-tree', '-z', '--full-tree', commit, '--', ...wanted.map((folder) => `${folder}.gitattributes`)]).then((out) => {
        const oids = new Map<string, string>();
        for (const record of out.split('\0')) {
          const match = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(record);
          if (match) oids.set(match[2]!, match[1]!);
        }
        return oids;
      });
      for (const folder of wanted) {
        texts.set(
          folder,
          listed.then((oids) => {
            const oid = oids.get(`${folder}.gitattributes`);
            return oid === undefined ? undefined : git(['cat-file', 'blob', oid]);
          }),
        );
      }
    }
    const tracked = new Set<string>();
    for (const [i, file] of files.entries()) {
      const folders = attributeFolders(full[i]!);
      const found: GitattributesFile[] = [];
      for (const [j, text] of (await Promise.all(folders.map((folder) => texts.get(folder)!))).entries()) if (text !== undefined) found.push({ folder: folders[j]!, text });
      if (isLfsTrackedBy(found, full[i]!)) tracked.add(file);
    }
    return tracked;
  };
}

/** The files every one of `answers` says Git LFS tracks. */
function trackedAtEvery(answers: readonly LfsTracked[]): LfsTracked {
  return async (files) => {
    let tracked: readonly string[] = files;
    for (const answer of answers) {
      if (tracked.length === 0) break;
      const set = await answer(tracked);
      tracked = tracked.filter((file) => set.has(file));
    }
    return new Set(tracked);
  };
}

interface TreeEntry {
  /** A symbolic link (mode 120000); any other entry is a regular blob. */
  link: boolean;
  oid: string;
  name: string;
}

/** `git ls-tree -r -z` of one folder, handed to `onEntries` a chunk of blobs at a time (submodules, which are not evidence, left out). */
function listTree(cwd: string, commit: string, folder: string, onEntries: (entries: TreeEntry[]) => void): Promise<void> {
  const args = ['--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree', commit, '--', folder];
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const decoder = new StringDecoder('utf8');
    const err: Buffer[] = [];
    let rest = '';
    let failed: unknown;
    const take = (text: string, final: boolean) => {
      const records = (rest + text).split('\0');
      rest = final ? '' : records.pop()!;
      const entries: TreeEntry[] = [];
      for (const record of records) {
        // `<mode> SP <type> SP <oid> TAB <path>`
        const tab = record.indexOf('\t');
        const first = record.indexOf(' ');
        const second = record.indexOf(' ', first + 1);
        if (tab < 0 || first < 0 || second < 0 || second > tab || record.slice(first + 1, second) !== 'blob') continue;
        entries.push({ link: record.startsWith('120000 '), oid: record.slice(second + 1, tab), name: record.slice(tab + 1) });
      }
      try {
        if (entries.length > 0) onEntries(entries);
      } catch (error) {
        failed ??= error;
      }
    };
    child.stdout.on('data', (chunk: Buffer) => take(decoder.write(chunk), false));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new GitError(args, code, Buffer.concat(err).toString('utf8')));
      take(decoder.end(), true);
      if (failed !== undefined) reject(failed);
      else resolve();
    });
  });
}

/**
 * One `git cat-file --batch --buffer`: blobs asked for in order (`request`), their contents in that
 * order once the input is closed (`finish`). git writes its answer into a temporary file rather
 * than a pipe: it answers every blob with two small writes, which the pipe to a child (a socket
 * pair) holds only a few of, so git would stop for the gate to read after every few blobs. Into a
 * file it runs at its own pace, on another core, while the gate does other work; the file is read
 * at once when git is done.
 */
class BlobReader {
  private child: ChildProcessByStdio<Writable, null, Readable> | undefined;
  private exited: Promise<number | null> | undefined;
  private readonly oids: string[] = [];
  private readonly stderr: string[] = [];
  private done: Promise<Buffer[]> | undefined;

  private constructor(
    private readonly cwd: string,
    private readonly dir: string,
    private readonly output: FileHandle,
  ) {}

  /** A reader with its output file ready (git starts at the first request). */
  static async open(cwd: string): Promise<BlobReader> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'evident-blobs-'));
    try {
      return new BlobReader(cwd, dir, await open(path.join(dir, 'blobs'), 'w'));
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  request(oids: readonly string[]): void {
    if (oids.length === 0) return;
    this.oids.push(...oids);
    this.start().stdin.write(oids.join('\n') + '\n');
  }

  /** Close the input; resolves with every blob asked for, in order. The output file is removed. */
  finish(): Promise<Buffer[]> {
    this.done ??= this.read().finally(() => this.discard());
    // Until the caller reads, a failure is held here rather than reported as unhandled.
    this.done.catch(() => undefined);
    return this.done;
  }

  /** Stop without reading (the listing failed); resolves once the output file is removed. */
  async abandon(): Promise<void> {
    this.child?.kill();
    this.child?.stdin.destroy();
    await this.finish().catch(() => undefined);
  }

  private async read(): Promise<Buffer[]> {
    if (!this.child || !this.exited) return [];
    this.child.stdin.end();
    const exitCode = await this.exited;
    if (exitCode !== 0) throw new GitError(CAT_FILE, exitCode, this.stderr.join(''));
    return takeBlobs(CAT_FILE, await readFile(this.file()), this.oids);
  }

  /** The output file, and the folder made for it, removed (a leftover in the temporary folder is no failure). */
  private async discard(): Promise<void> {
    await this.output.close().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true }).catch(() => undefined);
  }

  private file(): string {
    return path.join(this.dir, 'blobs');
  }

  private start(): ChildProcessByStdio<Writable, null, Readable> {
    if (this.child) return this.child;
    const child = spawn('git', CAT_FILE, { cwd: this.cwd, env: gitEnv(), stdio: ['pipe', this.output.fd, 'pipe'] }) as ChildProcessByStdio<Writable, null, Readable>;
    child.stdin.on('error', () => undefined); // git may exit before reading all of its input; its exit code tells why
    child.stderr.setEncoding('utf8').on('data', (text: string) => this.stderr.push(text));
    this.exited = new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    this.exited.catch(() => undefined);
    this.child = child;
    return child;
  }
}

const CAT_FILE = ['cat-file', '--batch', '--buffer'];

