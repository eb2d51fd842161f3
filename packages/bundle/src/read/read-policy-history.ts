import { spawn } from 'node:child_process';
import type { SimpleGit } from 'simple-git';
import type { PolicyCommit, PolicyVersionText } from '../bundle-inputs.js';
import { parsePolicyLog, POLICY_LOG_FORMAT } from './parse-policy-log.js';
import { ShallowHistoryError } from './shallow-history-error.js';

/**
 * Every commit of the default branch's first-parent history (from HEAD) that changed a file under
 * `policiesDir`, newest first. A merge commit counts with its changes against its first parent, as
 * the branch saw them; the commits of the merged branch do not appear on their own. Empty outside a
 * git repository. Throws `ShallowHistoryError` in a shallow clone, whose history would make its
 * oldest commit seem to add every policy.
 */
export async function readPolicyHistory(git: SimpleGit, policiesDir: string): Promise<PolicyCommit[]> {
  if (await isShallowRepository(git)) throw new ShallowHistoryError();
  try {
    const output = await git.raw(['log', '--first-parent', '--diff-merges=first-parent', `--format=${POLICY_LOG_FORMAT}`, '--raw', '--no-abbrev', '--no-renames', '--relative', 'HEAD', '--', policiesDir]);
    const prefix = `${policiesDir.replace(/\/+$/, '')}/`;
    return parsePolicyLog(output)
      .map((c) => ({ ...c, files: c.files.filter((f) => f.path.startsWith(prefix) && f.path.endsWith('.md')) }))
      .filter((c) => c.files.length > 0);
  } catch {
    return [];
  }
}

/** Whether the repository `git` runs in is a shallow clone (false outside a git repository). */
export async function isShallowRepository(git: SimpleGit): Promise<boolean> {
  try {
    return (await git.revparse(['--is-shallow-repository'])).trim() === 'true';
  } catch {
    return false;
  }
}

/** The bytes of each policy version wanted (a blob of the repository), in the order asked. */
export async function readPolicyVersionTexts(root: string, wanted: readonly { path: string; commit: string; blob: string }[]): Promise<PolicyVersionText[]> {
  const unique = [...new Set(wanted.map((w) => w.blob))];
  const bytes = new Map((await readBlobs(root, unique)).map((b, i) => [unique[i]!, b]));
  return wanted.map((w) => ({ path: w.path, commit: w.commit, bytes: bytes.get(w.blob)! }));
}

/** Read many blobs with one `git cat-file --batch` process. */
export function readBlobs(root: string, oids: readonly string[]): Promise<Buffer[]> {
  if (oids.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git cat-file failed: ${stderr.trim()}`));
      const out = Buffer.concat(chunks);
      const blobs: Buffer[] = [];
      let at = 0;
      for (const oid of oids) {
        const end = out.indexOf(0x0a, at);
        const header = out.subarray(at, end).toString();
        const m = /^([0-9a-f]+) blob (\d+)$/.exec(header);
        if (!m || m[1] !== oid) return reject(new Error(`git cat-file returned ${header} for ${oid}`));
        const size = Number(m[2]);
        blobs.push(out.subarray(end + 1, end + 1 + size));
        at = end + 1 + size + 1;
      }
      resolve(blobs);
    });
    child.stdin.end(oids.map((oid) => `${oid}\n`).join(''));
  });
}
