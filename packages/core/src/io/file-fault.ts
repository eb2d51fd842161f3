import type { Finding } from '../diagnostic.js';

/**
 * A file-system error met while listing or reading a repository path, as a finding at that
 * (repository-relative) path: permissions, link loops, a file that vanished mid-run, I/O errors.
 * The message never carries the absolute path the error names.
 */
export function fileFault(error: unknown, file: string, what: 'file' | 'folder' = 'file'): Finding {
  const code = typeof (error as NodeJS.ErrnoException | undefined)?.code === 'string' ? (error as NodeJS.ErrnoException).code! : 'EIO';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return { ruleId: 'parse/unreadable', message: `Unexpected permission denied on this ${what}, expected a ${what} Evident can read`, file };
    case 'ENOENT':
    case 'ENOTDIR':
      return { ruleId: 'parse/unreadable', message: `Unexpected ${what} that disappeared while it was being read, expected it to stay until the check ends`, file };
    case 'ELOOP':
      return { ruleId: 'parse/symlink', message: 'Unexpected loop of symbolic links, expected a link that leads to a regular file', file };
    case 'EISDIR':
      return { ruleId: 'parse/not-a-file', message: 'Unexpected directory, expected a regular file', file };
    default:
      return { ruleId: 'parse/unreadable', message: `Unexpected error \`${code}\` reading this ${what}, expected a ${what} Evident can read`, file };
  }
}

/** Whether an error is a file-system error (it has an errno code) rather than a bug. */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  // Duck-typed: errors from node:fs may come from another realm (worker threads, test sandboxes).
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof error === 'object' && error !== null && typeof code === 'string' && /^E[A-Z]+$/.test(code);
}
