import type { SimpleGit } from 'simple-git';
import { evidenceLogArguments, parseEvidenceLog, type EvidenceFirstCommit } from './parse-evidence-log.js';

/**
 * The first commit of the default branch's first-parent history that added each evidence metadata
 * file under `folder`, by repository path: one `git log` over the whole history, however many files
 * there are; a file only in the working tree is absent. Undefined outside a git repository or before
 * the first commit: nothing was assessed. The caller refuses a shallow clone first: its oldest commit
 * would seem to add every file.
 */
export async function readEvidenceCommits(git: SimpleGit, folder: string): Promise<Map<string, EvidenceFirstCommit> | undefined> {
  let output: string;
  try {
    output = await git.raw(evidenceLogArguments(folder));
  } catch {
    return undefined;
  }
  return parseEvidenceLog(output);
}
