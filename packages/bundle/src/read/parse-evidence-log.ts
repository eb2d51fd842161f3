import { METADATA_SUFFIX } from '@evident/core';

/** The first commit of the default branch's first-parent history that contained an evidence metadata file. */
export interface EvidenceFirstCommit {
  commit: string;
  /** Committer date of that commit, ISO 8601 with the committer's offset. */
  committed_at: string;
}

/**
 * The `git log` format `parseEvidenceLog` reads: each commit starts with RS, then its id and committer
 * date separated by US, then (`--name-only`) one added path a line.
 */
export const EVIDENCE_LOG_FORMAT = '%x1e%H%x1f%cI';

/**
 * The `git log` arguments of the one pass over the default branch's history that dates every evidence
 * metadata file: first-parent commits from HEAD, oldest first, each with the files it added against its
 * first parent (a merge commit's additions as the branch saw them) under `folder`. Paths come unquoted
 * (`core.quotePath=false`), as the bundle writes them; names the bundle refuses (control characters,
 * quotes, backslashes) are the only ones git still quotes.
 */
export function evidenceLogArguments(folder: string): string[] {
  return ['-c', 'core.quotePath=false', 'log', '--first-parent', '--diff-merges=first-parent', '--reverse', '--diff-filter=A', '--name-only', '--no-renames', '--relative', `--format=${EVIDENCE_LOG_FORMAT}`, 'HEAD', '--', folder];
}

/**
 * For each evidence metadata file (`*.evidence.yaml`) the log names, the first commit that added it:
 * the log runs oldest first (`--reverse`), so a file added, removed and added again keeps its first
 * commit. Files other than metadata files are left out. Pure.
 */
export function parseEvidenceLog(output: string): Map<string, EvidenceFirstCommit> {
  const first = new Map<string, EvidenceFirstCommit>();
  for (const chunk of output.split('\x1e')) {
    const lines = chunk.split('\n');
    const [commit, committedAt] = lines[0]!.split('\x1f');
    if (!commit || !committedAt) continue;
    const at = { commit, committed_at: committedAt.trim() };
    for (const line of lines.slice(1)) if (line.endsWith(METADATA_SUFFIX) && !first.has(line)) first.set(line, at);
  }
  return first;
}
