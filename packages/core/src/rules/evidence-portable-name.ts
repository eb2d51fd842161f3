import { code } from '../diagnostic.js';
import type { Rule } from './rule.js';

/** Characters Windows refuses in a file name, control characters, and the backslash (a separator there). */
const FORBIDDEN = /[\\:*?"<>|\u0000-\u001f\u007f]/;
/** Device names Windows reserves, with or without an extension. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/** Why one part of a path cannot be written as it is on every operating system, or undefined. */
function partProblem(part: string): string | undefined {
  const forbidden = FORBIDDEN.exec(part);
  if (forbidden) return `the character ${code(JSON.stringify(forbidden[0]).slice(1, -1))}`;
  if (/[. ]$/.test(part)) return `a name ending in ${part.endsWith('.') ? 'a dot' : 'a space'}`;
  if (RESERVED.test(part)) return `${code(part)}, a device name Windows reserves`;
  return undefined;
}

/** The key under which macOS and Windows file systems store a path: its letters' case and Unicode form do not count. */
const foldedKey = (file: string) => file.normalize('NFC').toLowerCase();

export const evidencePortableName: Rule = {
  id: 'evidence/portable-name',
  description: 'Evidence file names can be written on every operating system, and no two of them differ only in letter case or Unicode form.',
  check(model, report) {
    const { items, files } = model.evidence;
    const metadataOf = new Map(items.map((item) => [item.path, item.metadataPath]));
    const at = (file: string) => {
      const metadata = metadataOf.get(file);
      return metadata ? { file: metadata, line: 1, column: 1 } : { file };
    };
    // A metadata file shares its evidence file's name and folder: it is checked alone only when that file is missing.
    const paths = [...files.keys(), ...items.filter((item) => !files.has(item.path)).map((item) => item.metadataPath)].sort();
    const seen = new Map<string, string>();
    for (const file of paths) {
      const problem = file.split('/').map(partProblem).find((found) => found !== undefined);
      if (problem) {
        report({ message: `Unexpected evidence path ${code(JSON.stringify(file).slice(1, -1))} with ${problem}, expected a name every operating system can write (the auditor unzips the bundle on macOS or Windows too)`, ...at(file) });
      }
      const key = foldedKey(file);
      const other = seen.get(key);
      if (other === undefined) seen.set(key, file);
      else {
        report({ message: `Unexpected evidence path ${code(file)} that differs from ${code(other)} only in letter case or Unicode form, expected distinct names: on macOS and Windows one file replaces the other when the bundle is unzipped`, ...at(file) });
      }
    }
  },
};
