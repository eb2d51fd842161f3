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
        resolve(splitBatch(Buffer.concat(out), oids, args));
      } catch (error) {
        reject(error);
      }
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(oids.map((oid) => `${oid}\n`).join(''));
  });
}

/** `<oid> blob <size>\n<content>\n` for each oid asked, in order; `<oid> missing` is an error. */
function splitBatch(output: Buffer, oids: readonly string[], args: readonly string[]): Buffer[] {
  const blobs: Buffer[] = [];
  let at = 0;
  for (const oid of oids) {
    const end = output.indexOf(0x0a, at);
    const header = output.toString('latin1', at, end < 0 ? output.length : end);
    const match = /^([0-9a-f]+) blob (\d+)$/.exec(header);
    if (end < 0 || !match || match[1] !== oid) throw new GitError(args, 0, `unexpected answer for ${oid}: ${header}`);
    const size = Number(match[2]);
    blobs.push(output.subarray(end + 1, end + 1 + size));
    at = end + 1 + size + 1;
  }
  return blobs;
}
