import { verifyEvidenceCommit } from '@evident/github';
import { spawn } from 'node:child_process';
import type { SimpleGit } from 'simple-git';
import type { EvidenceHistoryWalk, PolicyCommit, PolicyVersionText, RecordFile, SourceCommit } from '../bundle-inputs.js';
import { EvidenceHistoryError } from './evidence-history-error.js';
import type { FirstParentCommit } from './attribute-pull-requests.js';
import { parsePolicyLog, POLICY_LOG_FORMAT } from './parse-policy-log.js';

/**
 * HEAD of the repository and whether the working tree differs from it (leaving out
 * `exclude`, such as the folder bundles are written to); undefined outside git or
 * before the first commit.
 */
export async function readSourceCommit(git: SimpleGit, exclude: readonly string[] = []): Promise<SourceCommit | undefined> {
  try {
    const line = (await git.raw(['log', '-1', '--format=%H%x1f%cI', 'HEAD'])).trim();
    const [commit, committedAt] = line.split('\x1f');
    if (!commit || !committedAt) return undefined;
    const status = await git.raw(['status', '--porcelain', '--untracked-files=normal', '--', '.', ...exclude.map((p) => `:(exclude)${p}`)]);
    return { commit, committed_at: committedAt, dirty: status.trim() !== '' };
  } catch {
    return undefined;
  }
}

/**
 * Every commit of the default branch's first-parent history (from HEAD) that changed a file under
 * `policiesDir`, newest first. A merge commit counts with its changes against its first parent, as
 * the branch saw them; the commits of the merged branch do not appear on their own.
 */
export async function readPolicyHistory(git: SimpleGit, policiesDir: string): Promise<PolicyCommit[]> {
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

/** The default branch's first-parent line from HEAD, newest first, to attribute commits to pull requests. */
export async function readFirstParentLine(git: SimpleGit): Promise<FirstParentCommit[]> {
  try {
    const output = await git.raw(['log', '--first-parent', '--format=%H%x1f%P%x1f%cI%x1f%ce', 'HEAD']);
    return output
      .split('\n')
      .filter((line) => line.includes('\x1f'))
      .map((line) => {
        const [commit, parents, committedAt, email] = line.split('\x1f') as [string, string, string, string];
        return { commit, parents: parents.split(' ').filter(Boolean), committed_at: committedAt, committer_email: email };
      });
  } catch {
    return [];
  }
}

/** The bytes of each policy version wanted (a blob of the repository), in the order asked. */
export async function readPolicyVersionTexts(root: string, wanted: readonly { path: string; commit: string; blob: string }[]): Promise<PolicyVersionText[]> {
  const unique = [...new Set(wanted.map((w) => w.blob))];
  const bytes = new Map((await readBlobs(root, unique)).map((b, i) => [unique[i]!, b]));
  return wanted.map((w) => ({ path: w.path, commit: w.commit, bytes: bytes.get(w.blob)! }));
}

/** The evidence branch as a local branch, else as fetched from origin; undefined when neither exists. */
async function resolveBranch(git: SimpleGit, branch: string): Promise<string | undefined> {
  for (const ref of [`refs/heads/${branch}`, `refs/remotes/origin/${branch}`]) {
    const found = await git.raw(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).then((out) => out.trim(), () => '');
    if (found) return found;
  }
  return undefined;
}

/**
 * Evidence records from the evidence branch: `records/NNNNNN-<slug>.json`, byte for
 * byte, sorted by name, read at `commit` (default: the branch's tip). A missing branch means
 * no records, not an error.
 */
export async function readEvidenceRecords(git: SimpleGit, root: string, branch: string, commit?: string): Promise<RecordFile[]> {
  commit ??= await resolveBranch(git, branch);
  if (!commit) return [];
  const listing = await git.raw(['ls-tree', '-r', '-z', '--full-tree', commit, '--', 'records/']);
  const blobs = listing
    .split('\0')
    .map((line) => /^\d+ blob ([0-9a-f]+)\t(records\/[^/]+\.json)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ oid: m[1]!, file: m[2]! }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const contents = await readBlobs(root, blobs.map((b) => b.oid));
  return blobs.map((b, i) => ({ file: b.file, bytes: contents[i]! }));
}

/**
 * The evidence branch's tip, its history walked commit by commit with `@evident/github`'s
 * `verifyEvidenceCommit` (the walk `evident evidence verify` runs), and the records at that tip.
 * A history that did anything but add records on top of the chain (a record deleted, renumbered,
 * modified, inserted, a merge) throws `EvidenceHistoryError` naming every problem: records read
 * from such a branch are not what was collected. A missing branch means no records and no walk.
 */
export async function readWalkedEvidence(git: SimpleGit, root: string, branch: string): Promise<{ records: RecordFile[]; history?: EvidenceHistoryWalk }> {
  const tip = await resolveBranch(git, branch);
  if (!tip) return { records: [] };
  const [walked, count] = await Promise.all([verifyEvidenceCommit(git, tip), git.raw(['rev-list', '--count', tip])]);
  if (walked.problems.length > 0) throw new EvidenceHistoryError(branch, tip, walked.problems);
  const history: EvidenceHistoryWalk = { tip, first_record_commit: walked.chain[0]?.commit ?? null, commits: Number(count.trim()), result: 'intact' };
  return { records: await readEvidenceRecords(git, root, branch, tip), history };
}

/** Read many blobs with one `git cat-file --batch` process. */
function readBlobs(root: string, oids: readonly string[]): Promise<Buffer[]> {
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
