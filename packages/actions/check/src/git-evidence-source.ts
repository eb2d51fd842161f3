import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { METADATA_SUFFIX, type EvidenceSource } from '@evident/core';
import { GitError } from './git.js';

const gitEnv = () => ({ ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' });

/**
 * The evidence folder as committed at `commit`, read from git's tree and objects rather than the
 * working tree: the workflow's checkout can leave the folder out (tens of thousands of files), and the
 * gate reads only the blobs it needs (every metadata file, and the evidence files in `alsoRead`, the
 * ones it re-hashes). `cwd` is the work tree's top level; `prefix` is the program root's path from it.
 *
 * One pass, two git processes side by side: the tree is listed by `git ls-tree` and, as its entries
 * arrive, the blobs wanted are asked of one `git cat-file --batch --buffer`, whose output is taken
 * apart as it arrives. Listing and reading overlap, and nothing waits for the whole listing.
 */
export function gitEvidenceSource(cwd: string, commit: string, prefix: string, alsoRead?: ReadonlySet<string>): (folder: string) => Promise<EvidenceSource> {
  return async (folder) => {
    const where = path.posix.join(prefix, folder.replace(/^\.\//, '').replace(/\/+$/, ''));
    if (where === '..' || where.startsWith('../')) return { files: [], read: async () => new Map() };
    const wanted = (file: string) => file.endsWith(METADATA_SUFFIX) || alsoRead?.has(file) === true;
    const blobs = new BlobReader(cwd);
    const requested = new Map<string, number>();
    const oids = new Map<string, string>();
    const files: string[] = [];
    const links: string[] = [];
    try {
      await listTree(cwd, commit, `${where}/`, (entries) => {
        const ask: string[] = [];
        for (const { mode, type, oid, name } of entries) {
          if (type !== 'blob' || !name.startsWith(prefix)) continue; // submodules are not evidence
          const file = name.slice(prefix.length);
          if (mode === '120000') {
            links.push(file);
            continue;
          }
          files.push(file);
          oids.set(file, oid);
          if (wanted(file)) {
            requested.set(file, requested.size);
            ask.push(oid);
          }
        }
        blobs.request(ask);
      });
    } catch (error) {
      blobs.abandon();
      throw error;
    }
    const prefetched = blobs.finish();
    return {
      files,
      links,
      read: async (list) => {
        const read = await prefetched;
        const out = new Map<string, Uint8Array>();
        const later: string[] = [];
        for (const file of list) {
          const index = requested.get(file);
          if (index !== undefined) out.set(file, read[index]!);
          else if (oids.has(file)) later.push(file);
        }
        if (later.length > 0) {
          // Files the listing did not know would be wanted: one more batch.
          const more = new BlobReader(cwd);
          more.request(later.map((f) => oids.get(f)!));
          const extra = await more.finish();
          later.forEach((file, i) => out.set(file, extra[i]!));
        }
        return out;
      },
    };
  };
}

interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
  name: string;
}

/** `git ls-tree -r -z` of one folder, handed to `onEntries` a chunk of entries at a time. */
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
        if (tab < 0 || first < 0 || second < 0 || second > tab) continue;
        entries.push({ mode: record.slice(0, first), type: record.slice(first + 1, second), oid: record.slice(second + 1, tab), name: record.slice(tab + 1) });
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
 * order once the input is closed (`finish`). The output is taken apart as it arrives.
 */
class BlobReader {
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly oids: string[] = [];
  private readonly blobs: Buffer[] = [];
  private pending: Buffer = Buffer.alloc(0);
  /** The body being collected when it spans chunks: its parts and the bytes it needs (with its newline). */
  private parts: Buffer[] | undefined;
  private partsLength = 0;
  private size = -1;
  private error: GitError | undefined;
  private done: Promise<Buffer[]> | undefined;

  constructor(private readonly cwd: string) {}

  request(oids: readonly string[]): void {
    if (oids.length === 0) return;
    this.oids.push(...oids);
    this.start().stdin.write(oids.join('\n') + '\n');
  }

  /** Close the input; resolves with every blob asked for, in order. */
  finish(): Promise<Buffer[]> {
    this.done ??= this.child
      ? new Promise((resolve, reject) => {
          const child = this.child!;
          const err: Buffer[] = [];
          child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
          child.on('error', reject);
          child.on('close', (exitCode) => {
            if (this.error) return reject(this.error);
            if (exitCode !== 0) return reject(new GitError(['cat-file', '--batch'], exitCode, Buffer.concat(err).toString('utf8')));
            if (this.blobs.length !== this.oids.length) return reject(new GitError(['cat-file', '--batch'], exitCode, `Unexpected ${this.blobs.length} blobs, expected ${this.oids.length}`));
            resolve(this.blobs);
          });
          child.stdin.end();
        })
      : Promise.resolve([]);
    // Until the caller reads, a failure is held here rather than reported as unhandled.
    this.done.catch(() => undefined);
    return this.done;
  }

  /** Stop without reading (the listing failed). */
  abandon(): void {
    this.child?.kill();
    this.child?.stdin.destroy();
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn('git', ['cat-file', '--batch', '--buffer'], { cwd: this.cwd, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.on('error', () => undefined); // git may exit before reading all of its input; its exit code tells why
    child.stdout.on('data', (chunk: Buffer) => this.take(chunk));
    this.child = child;
    return child;
  }

  private take(chunk: Buffer): void {
    if (this.error) return;
    let buffer: Buffer;
    if (this.parts) {
      this.parts.push(chunk);
      this.partsLength += chunk.length;
      if (this.partsLength < this.size + 1) return;
      buffer = Buffer.concat(this.parts, this.partsLength);
      this.parts = undefined;
    } else buffer = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    let at = 0;
    for (;;) {
      if (this.size < 0) {
        const eol = buffer.indexOf(0x0a, at);
        if (eol < 0) break;
        const header = buffer.toString('latin1', at, eol);
        const expected = this.oids[this.blobs.length];
        const [name, type, size] = header.split(' ');
        if (name !== expected || type !== 'blob' || size === undefined) {
          this.error = new GitError(['cat-file', '--batch'], null, `Unexpected \`${header}\`, expected the blob ${expected ?? '(none)'}`);
          return;
        }
        this.size = Number(size);
        at = eol + 1;
      }
      if (buffer.length - at < this.size + 1) {
        // The body continues in the next chunks: collect them, join once.
        this.parts = [buffer.subarray(at)];
        this.partsLength = buffer.length - at;
        this.pending = Buffer.alloc(0);
        return;
      }
      this.blobs.push(buffer.subarray(at, at + this.size));
      at += this.size + 1;
      this.size = -1;
    }
    this.pending = buffer.subarray(at);
  }
}
