import { CONFIG_FILE } from '../config/config.js';
import { code } from '../diagnostic.js';
import { METADATA_SUFFIX } from '../evidence-items/evidence-item.js';
import type { Rule } from './rule.js';

export const evidenceOutsideFolder: Rule = {
  id: 'evidence/outside-folder',
  description: 'Evidence items live inside the evidence folder, as files rather than links out of it.',
  check(model, report) {
    const folder = `${model.evidence.folder}/`;
    // A folder with its own evident.yaml is another repository (a test fixture, a vendored example).
    const nestedConfig = `/${CONFIG_FILE}`;
    const nested: string[] = [];
    for (const file of model.files) if (file.endsWith(nestedConfig)) nested.push(file.slice(0, -CONFIG_FILE.length));
    // Only the few misplaced files are sorted, not every file of the repository.
    const misplaced: string[] = [];
    for (const file of model.files) if (file.endsWith(METADATA_SUFFIX) && !file.startsWith(folder) && !nested.some((dir) => file.startsWith(dir))) misplaced.push(file);
    for (const file of misplaced.sort()) {
      report({ message: `Unexpected evidence metadata outside ${code(folder)}, expected evidence items under ${code(folder)} (\`paths.evidence\`)`, file, line: 1, column: 1 });
    }
    for (const [file, digest] of model.evidence.files) {
      if (!digest.outside) continue;
      const metadata = model.evidence.items.find((item) => item.path === file);
      report({ message: `Unexpected link ${code(file)} to a file outside ${code(folder)}, expected the evidence file itself inside the folder`, file: metadata?.metadataPath ?? file, ...(metadata ? { line: 1, column: 1 } : {}) });
    }
  },
};
