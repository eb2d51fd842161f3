import { skipsFolder } from './skips-folder.js';

/**
 * The path under which a walk of the whole repository lists the files of folder `dir` (evident.yaml's
 * spelling, relative to the root), or undefined when such a walk would not enter it as a walk from the
 * folder itself would: the root itself, a dot-folder, build output or dependencies on the way, or an
 * unusual spelling (`./`, `..`, doubled slashes, a backslash). Whether the folder is really reached
 * (not a link, not missing) only the walk can tell. Pure.
 */
export function walkedPath(dir: string): string | undefined {
  const folder = dir.replace(/\/+$/, '');
  if (folder === '' || folder.includes('\\')) return undefined;
  const segments = folder.split('/');
  return segments.every((segment) => segment !== '' && !skipsFolder(segment)) ? folder : undefined;
}
