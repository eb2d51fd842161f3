import type { SimpleGit } from 'simple-git';
import type { HistoryCommit, RawChange } from './verify-evidence-history.js';

const RECORD_SEPARATOR = '\x1e';
const FIELD_SEPARATOR = '\x1f';

/**
 * Every commit reachable from `tip`, parents before children, with the files each changed
 * (merges against their first parent), in one `git log --raw` run.
 */
export async function readEvidenceHistory(git: SimpleGit, tip: string): Promise<HistoryCommit[]> {
  const output = await git.raw([
    '-c', 'log.showSignature=false',
    'log', '--raw', '--no-abbrev', '--no-renames', '--no-color', '--reverse', '--topo-order', '--diff-merges=first-parent', '-z',
    `--format=${RECORD_SEPARATOR}%H %P${FIELD_SEPARATOR}%an <%ae>${FIELD_SEPARATOR}%cn <%ce>`,
    tip, '--',
  ]);
  return parseRawLog(output);
}

/** Parse the output of the `git log --raw -z` above. Pure. */
export function parseRawLog(output: string): HistoryCommit[] {
  const commits: HistoryCommit[] = [];
  for (const chunk of output.split(RECORD_SEPARATOR)) {
    if (chunk.trim() === '') continue;
    const end = chunk.indexOf('\0');
    const header = end === -1 ? chunk : chunk.slice(0, end);
    const [ids = '', author = '', committer = ''] = header.split(FIELD_SEPARATOR);
    const [sha = '', ...parents] = ids.trim().split(' ').filter(Boolean);
    const changes: RawChange[] = [];
    const tokens = end === -1 ? [] : chunk.slice(end + 1).split('\0');
    for (let i = 0; i + 1 < tokens.length; i += 2) {
      const meta = tokens[i]!.trim();
      if (!meta.startsWith(':')) break;
      const [, , oldBlob = '', newBlob = '', status = ''] = meta.slice(1).split(' ');
      changes.push({ status: status.charAt(0), path: tokens[i + 1]!, oldBlob, newBlob });
    }
    commits.push({ sha, parents, author, committer, changes });
  }
  return commits;
}
