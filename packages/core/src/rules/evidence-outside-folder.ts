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
    const files = [...model.files];
    const nested = files.filter((f) => f.endsWith(`/${CONFIG_FILE}`)).map((f) => f.slice(0, -CONFIG_FILE.length));
    // Only the few misplaced files are sorted, not every file of the repository.
    const misplaced = files.filter((file) => file.endsWith(METADATA_SUFFIX) && !file.startsWith(folder) && !nested.some((dir) => file.startsWith(dir)));
    for (const file of misplaced.sort()) {
      report({ message: `Unexpected evidence metadata outside ${code(folder)}, expected evidence items under ${code(folder)} (\`paths.evidence\`)`, file, line: 1, column: 1 });
    }
    const digests = model.evidence.files;
    for (const file of Object.keys(digests)) {
      if (!digests[file]!.outside) continue;
      const metadata = model.evidence.items.find((item) => item.path === file);
      report({ message: `Unexpected link ${code(file)} to a file outside ${code(folder)}, expected the evidence file itself inside the folder`, file: metadata?.metadataPath ?? file, ...(metadata ? { line: 1, column: 1 } : {}) });
    }
  },
};
