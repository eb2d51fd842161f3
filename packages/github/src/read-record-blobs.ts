import { spawn } from 'node:child_process';
import type { SimpleGit } from 'simple-git';
import type { EvidenceRecordValidator } from './create-evidence-record-validator.js';
import { summarizeRecord, type RecordSummary } from './summarize-record.js';

/** Blobs larger than this are skipped unread (a record is a few KiB) and summarised as unreadable. */
const MAX_RECORD_BYTES = 4 << 20;

/**
 * Read and summarise many blobs in one `git cat-file --batch` process: each blob is parsed,
 * hashed and validated as it arrives and only its summary is kept, so memory stays bounded
 * however many records the branch holds. `withFields` names the blobs whose fields are digested.
 */
export async function readRecordBlobs(git: SimpleGit, blobs: Iterable<string>, validate: EvidenceRecordValidator, withFields: ReadonlySet<string> = new Set()): Promise<Map<string, RecordSummary>> {
  const wanted = [...new Set(blobs)].filter((b) => /^[0-9a-f]{40,64}$/.test(b) && !/^0+$/.test(b));
  const summaries = new Map<string, RecordSummary>();
  if (wanted.length === 0) return summaries;
  const gitDir = (await git.revparse(['--absolute-git-dir'])).trim();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let pending: Buffer = Buffer.alloc(0);
    let skip = 0;
    let stderr = '';
    const drain = () => {
      for (;;) {
        if (skip > 0) {
          const dropped = Math.min(skip, pending.length);
          pending = pending.subarray(dropped);
          skip -= dropped;
          if (skip > 0) return;
        }
        const newline = pending.indexOf(0x0a);
        if (newline === -1) return;
        const [sha = '', type = '', size = ''] = pending.subarray(0, newline).toString('latin1').split(' ');
        if (type === 'missing' || type !== 'blob') {
          summaries.set(sha, { readable: false });
          pending = pending.subarray(newline + 1);
          continue;
        }
        const bytes = Number(size);
        if (bytes > MAX_RECORD_BYTES) {
          summaries.set(sha, { readable: false });
          pending = pending.subarray(newline + 1);
          skip = bytes + 1;
          continue;
        }
        if (pending.length < newline + 1 + bytes + 1) return;
        const body = pending.subarray(newline + 1, newline + 1 + bytes);
        summaries.set(sha, summarizeRecord(body.toString('utf8'), validate, withFields.has(sha)));
        pending = pending.subarray(newline + 1 + bytes + 1);
      }
    };
    child.stdout.on('data', (data: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, data]) : data;
      drain();
    });
    child.stderr.on('data', (data: Buffer) => void (stderr += data.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git cat-file exited with ${code}: ${stderr.trim()}`))));
    child.stdin.on('error', reject);
    child.stdin.end(wanted.map((b) => `${b}\n`).join(''));
  });
  return summaries;
}
