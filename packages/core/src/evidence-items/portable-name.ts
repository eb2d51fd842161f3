import { code } from '../diagnostic.js';

/** Characters Windows refuses in a file name, control characters, and the backslash (a separator there). */
const FORBIDDEN = /[\\:*?"<>|\u0000-\u001f\u007f]/;
/** Device names Windows reserves, with or without an extension. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
/** A part ending in a dot or a space, anywhere in a `/`-separated path. */
const TRAILING_ANYWHERE = /[. ](?:\/|$)/;
/** A part that is a reserved device name, anywhere in a `/`-separated path. */
const RESERVED_ANYWHERE = /(?:^|\/)(?:con|prn|aux|nul|com[1-9]|lpt[1-9])(?:\.[^/]*)?(?:\/|$)/i;
/** Only ASCII: Unicode normalisation leaves such a path as it is. */
const ASCII = /^[\u0000-\u007f]*$/;

/** Why one part of a path cannot be written as it is on every operating system, or undefined. */
function partProblem(part: string): string | undefined {
  const forbidden = FORBIDDEN.exec(part);
  if (forbidden) return `the character ${code(JSON.stringify(forbidden[0]).slice(1, -1))}`;
  if (/[. ]$/.test(part)) return `a name ending in ${part.endsWith('.') ? 'a dot' : 'a space'}`;
  if (RESERVED.test(part)) return `${code(part)}, a device name Windows reserves`;
  return undefined;
}

/**
 * Why a `/`-separated path cannot be written as it is on every operating system, said of its first part
 * that cannot ("the character `:`", "a name ending in a dot", "`nul.txt`, a device name Windows
 * reserves"), or undefined. Pure.
 */
export function unportableNamePart(path: string): string | undefined {
  // Tens of thousands of evidence paths per check: three tests of the whole path clear nearly all of them.
  if (!FORBIDDEN.test(path) && !TRAILING_ANYWHERE.test(path) && !RESERVED_ANYWHERE.test(path)) return undefined;
  for (const part of path.split('/')) {
    const problem = partProblem(part);
    if (problem) return problem;
  }
  return undefined;
}

/** The key under which macOS and Windows file systems store a path: its letters' case and Unicode form do not count. */
const foldedKey = (path: string) => (ASCII.test(path) ? path : path.normalize('NFC')).toLowerCase();

/**
 * Each path that macOS and Windows would store under the same name as an earlier one (in the order
 * given: the paths differ only in letter case or Unicode form), mapped to the first path of that name. Pure.
 */
export function portableNameCollisions(paths: Iterable<string>): Map<string, string> {
  const first = new Map<string, string>();
  const collisions = new Map<string, string>();
  for (const path of paths) {
    const key = foldedKey(path);
    const other = first.get(key);
    if (other === undefined) first.set(key, path);
    else if (other !== path) collisions.set(path, other);
  }
  return collisions;
}
