/**
 * Which paths a `.gitattributes` file hands to Git LFS (`filter=lfs`). Enough of gitattributes(5)
 * for the patterns people write for LFS: `*.pdf`, `evidence/**\/*.pdf`, `/evidence/*.zip`,
 * `?`, `[…]`, later lines overriding earlier ones, `-filter` and `!filter`, and the files of
 * subfolders. Pure.
 */

interface AttributeLine {
  matches: (file: string) => boolean;
  /** true: `filter=lfs`; false: another filter, `-filter` or `!filter`. */
  lfs: boolean;
}

/** Whether the repository-relative POSIX path `file` is tracked by Git LFS per the root `.gitattributes` text. */
export function isLfsTracked(gitattributes: string, file: string): boolean {
  return isLfsTrackedBy([{ folder: '', text: gitattributes }], file);
}

/** A `.gitattributes` file: the folder that holds it (`''` at the top, else a path ending in `/`) and its text. */
export interface GitattributesFile {
  folder: string;
  text: string;
}

/**
 * Whether Git LFS tracks `file` per the `.gitattributes` files of its folder and the folders above it,
 * each matching paths from its own folder, a deeper file's lines overriding a shallower one's (as git
 * reads them; `.git/info/attributes` and attribute macros aside). Files of other folders are ignored. Pure.
 */
export function isLfsTrackedBy(files: readonly GitattributesFile[], file: string): boolean {
  let tracked = false;
  const applying = files.filter((f) => file.startsWith(f.folder)).sort((a, b) => a.folder.length - b.folder.length);
  for (const attributes of applying) {
    const relative = file.slice(attributes.folder.length);
    for (const line of parseAttributeLines(attributes.text)) if (line.matches(relative)) tracked = line.lfs;
  }
  return tracked;
}

/** The folders whose `.gitattributes` can apply to `file`: `''` and each folder on its path (`a/`, `a/b/`). */
export function attributeFolders(file: string): string[] {
  const folders = [''];
  for (let at = file.indexOf('/'); at >= 0; at = file.indexOf('/', at + 1)) folders.push(file.slice(0, at + 1));
  return folders;
}

function parseAttributeLines(text: string): AttributeLine[] {
  const out: AttributeLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const [pattern, ...attributes] = raw.trim().split(/\s+/);
    if (!pattern || pattern.startsWith('#') || pattern.startsWith('!')) continue;
    let lfs: boolean | undefined;
    for (const attribute of attributes) {
      if (attribute === 'filter=lfs') lfs = true;
      else if (attribute.startsWith('filter=') || attribute === '-filter' || attribute === '!filter') lfs = false;
    }
    if (lfs !== undefined) out.push({ matches: patternMatcher(pattern), lfs });
  }
  return out;
}

/** A gitattributes pattern as a test on a path: without a slash it matches a name at any depth, with one the path from the root. */
function patternMatcher(pattern: string): (file: string) => boolean {
  const anchored = pattern.replace(/^\//, '');
  if (!pattern.includes('/')) {
    const name = new RegExp(`^${globToRegExp(pattern)}$`);
    return (file) => name.test(file.slice(file.lastIndexOf('/') + 1));
  }
  const whole = new RegExp(`^${globToRegExp(anchored)}$`);
  return (file) => whole.test(file);
}

function globToRegExp(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i += 1) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slashAfter = glob[i + 2] === '/';
      out += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) out += '\\[';
      else {
        out += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return out;
}
