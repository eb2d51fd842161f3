import { code } from '../diagnostic.js';
import { portableNameCollisions, unportableNamePart } from '../evidence-items/portable-name.js';
import type { Rule } from './rule.js';

export const evidencePortableName: Rule = {
  id: 'evidence/portable-name',
  description: 'Evidence file names can be written on every operating system, and no two of them differ only in letter case or Unicode form.',
  check(model, report) {
    const { items, files } = model.evidence;
    // Built only when there is something to report (tens of thousands of items, almost always nothing).
    let metadataOf: Map<string, string> | undefined;
    const at = (file: string) => {
      metadataOf ??= new Map(items.map((item) => [item.path, item.metadataPath]));
      const metadata = metadataOf.get(file);
      return metadata ? { file: metadata, line: 1, column: 1 } : { file };
    };
    // A metadata file shares its evidence file's name and folder: it is checked alone only when that file is missing.
    const paths = [...files.keys(), ...items.filter((item) => !files.has(item.path)).map((item) => item.metadataPath)].sort();
    const collisions = portableNameCollisions(paths);
    for (const file of paths) {
      const problem = unportableNamePart(file);
      if (problem) {
        report({ message: `Unexpected evidence path ${code(JSON.stringify(file).slice(1, -1))} with ${problem}, expected a name every operating system can write (the auditor unzips the bundle on macOS or Windows too)`, ...at(file) });
      }
      const other = collisions.get(file);
      if (other !== undefined) {
        report({ message: `Unexpected evidence path ${code(file)} that differs from ${code(other)} only in letter case or Unicode form, expected distinct names: on macOS and Windows one file replaces the other when the bundle is unzipped`, ...at(file) });
      }
    }
  },
};
