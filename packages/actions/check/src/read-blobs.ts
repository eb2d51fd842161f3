import { spawn } from 'node:child_process';
import { GitError } from './git.js';

/**
 * The content of each blob, byte for byte and in the order asked, from one `git cat-file --batch`
 * in `cwd`: no filter, encoding or line-ending conversion applies. A missing object is a GitError.
 */
export function readBlobs(cwd: string, oids: readonly string[]): Promise<Buffer[]> {
  if (oids.length === 0) return Promise.resolve([]);
  const args = ['cat-file', '--batch'];
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new GitError(args, code, Buffer.concat(err).toString('utf8')));
      try {
        resolve(takeBlobs(args, Buffer.concat(out), oids));
      } catch (error) {
        reject(error);
      }
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(oids.map((oid) => `${oid}\n`).join(''));
  });
}

/**
 * The blobs of `git cat-file --batch` output (`<oid> blob <size>\n<content>\n` each), in the order
 * asked: a GitError naming `args` when an answer is not the blob expected (missing, another object) or
 * the output holds more or fewer than asked.
 */
export function takeBlobs(args: readonly string[], output: Buffer, oids: readonly string[]): Buffer[] {
  const blobs: Buffer[] = [];
  let at = 0;
  for (const expected of oids) {
    const eol = output.indexOf(0x0a, at);
    if (eol < 0) break;
    const header = output.toString('latin1', at, eol);
    const [name, type, size] = header.split(' ');
    if (name !== expected || type !== 'blob' || size === undefined) throw new GitError(args, null, `Unexpected \`${header}\`, expected the blob ${expected}`);
    const end = eol + 1 + Number(size);
    if (end >= output.length) break;
    blobs.push(output.subarray(eol + 1, end));
    at = end + 1;
  }
  if (blobs.length !== oids.length || at !== output.length) throw new GitError(args, null, `Unexpected ${blobs.length} blobs, expected ${oids.length}`);
  return blobs;
}
