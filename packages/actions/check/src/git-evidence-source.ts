import { spawn } from 'node:child_process';
import path from 'node:path';
import type { EvidenceSource } from '@evident/core';
import { GitError, type Git } from './git.js';

/**
 * The evidence folder as committed at `commit`, read from git's tree and objects rather than the
 * working tree: the workflow's checkout can leave the folder out (tens of thousands of files), and the
 * gate reads only the blobs it needs (every metadata file, the evidence files it re-hashes).
 * `git` and `cwd` are the work tree's top level; `prefix` is the program root's path from it.
 */
export function gitEvidenceSource(git: Git, cwd: string, commit: string, prefix: string): (folder: string) => Promise<EvidenceSource> {
  return async (folder) => {
    const where = path.posix.join(prefix, folder.replace(/^\.\//, '').replace(/\/+$/, ''));
    if (where === '..' || where.startsWith('../')) return { files: [], read: async () => new Map() };
    const out = await git(['--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree', commit, '--', `${where}/`]);
    const oids = new Map<string, string>();
    const files: string[] = [];
    const links: string[] = [];
    for (const entry of out.split('\0')) {
      const match = /^(\d+) (\w+) ([0-9a-f]+)\t(.+)$/s.exec(entry);
      if (!match || !match[4]!.startsWith(prefix)) continue;
      const file = match[4]!.slice(prefix.length);
      if (match[2] !== 'blob') continue; // submodules are not evidence
      if (match[1] === '120000') links.push(file);
      else {
        files.push(file);
        oids.set(file, match[3]!);
      }
    }
    return {
      files,
      links,
      read: async (wanted) => {
        const list = wanted.filter((f) => oids.has(f));
        const blobs = await catFileBatch(cwd, list.map((f) => oids.get(f)!));
        return new Map(list.map((f, i) => [f, blobs[i]!]));
      },
    };
  };
}

/** The contents of blobs, in order, from one `git cat-file --batch` process. */
function catFileBatch(cwd: string, oids: readonly string[]): Promise<Buffer[]> {
  if (oids.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      if (exitCode !== 0) return reject(new GitError(['cat-file', '--batch'], exitCode, Buffer.concat(err).toString('utf8')));
      const all = Buffer.concat(chunks);
      const blobs: Buffer[] = [];
      let at = 0;
      for (const oid of oids) {
        const eol = all.indexOf(0x0a, at);
        const header = all.subarray(at, eol).toString('latin1');
        const [name, type, size] = header.split(' ');
        if (name !== oid || type !== 'blob' || size === undefined) return reject(new GitError(['cat-file', '--batch'], exitCode, `Unexpected \`${header}\`, expected the blob ${oid}`));
        const start = eol + 1;
        blobs.push(all.subarray(start, start + Number(size)));
        at = start + Number(size) + 1;
      }
      resolve(blobs);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(oids.join('\n') + '\n');
  });
}
