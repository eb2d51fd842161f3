import type { PolicyChange } from '@evident/core';
import type { PullRequestFile } from './fetch-pull-request-facts.js';

export interface ChangedPolicyFile {
  change: PolicyChange;
  /** Path on the head side (the base side for a removed policy). */
  path: string;
  /** Path on the base side, when the policy existed before the change. */
  basePath?: string;
}

/** Policy files (`<policies>/**.md`, README excepted) a pull request adds, modifies, renames or removes. Pure. */
export function changedPolicyFiles(files: readonly PullRequestFile[], policiesDir: string): ChangedPolicyFile[] {
  const prefix = `${policiesDir.replace(/^\.\/|\/+$/g, '')}/`;
  const isPolicy = (file: string | undefined) => file !== undefined && file.startsWith(prefix) && file.endsWith('.md') && !/(^|\/)README\.md$/i.test(file);
  const out: ChangedPolicyFile[] = [];
  for (const file of files) {
    if (file.status === 'removed') {
      if (isPolicy(file.filename)) out.push({ change: 'removed', path: file.filename, basePath: file.filename });
    } else if (file.status === 'renamed') {
      if (isPolicy(file.filename)) out.push({ change: 'renamed', path: file.filename, ...(isPolicy(file.previous_filename) ? { basePath: file.previous_filename! } : {}) });
      else if (isPolicy(file.previous_filename)) out.push({ change: 'removed', path: file.previous_filename!, basePath: file.previous_filename! });
    } else if (file.status === 'added' || file.status === 'copied') {
      if (isPolicy(file.filename)) out.push({ change: 'added', path: file.filename });
    } else if (file.status !== 'unchanged' && isPolicy(file.filename)) {
      out.push({ change: 'modified', path: file.filename, basePath: file.filename });
    }
  }
  return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}
