import type { CrossCheckFacts } from './cross-check-facts.js';
import { contentKey } from './cross-check-facts.js';

/** A file a record binds to a commit and the SHA-256 of its bytes (a policy file, an access review file). */
export interface FileAtCommit {
  path: string;
  commit: string;
  sha256: string;
}

const short = (sha: string) => sha.slice(0, 12);

/** The SHA-256 a record binds a file to, against the bytes of the file at that commit (empty when they match or the file was not read). Pure. */
export function compareContent(recordId: string, file: FileAtCommit, facts: Pick<CrossCheckFacts, 'contents'>): string[] {
  const found = facts.contents.get(contentKey(file.commit, file.path));
  const says = `Record \`${recordId}\` says \`${file.path}\` at \`${short(file.commit)}\` has SHA-256 \`${short(file.sha256)}…\``;
  if (!found) return [];
  if ('missing' in found) return [`${says}; ${found.missing === 'commit' ? `commit \`${short(file.commit)}\` could not be fetched, and GitHub's contents API has no such file at it` : 'no such file exists at that commit'}`];
  return found.sha256 === file.sha256 ? [] : [`${says}; the file at that commit has SHA-256 \`${short(found.sha256)}…\``];
}
