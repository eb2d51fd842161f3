import { code } from '../diagnostic.js';
import type { Rule } from './rule.js';

export const evidenceHashMismatch: Rule = {
  id: 'evidence/hash-mismatch',
  description: 'The SHA-256 recorded in an evidence item’s metadata matches the file’s bytes.',
  check(model, report) {
    for (const item of model.evidence.items) {
      const recorded = item.metadata?.sha256;
      const actual = item.file?.sha256;
      if (recorded === undefined || actual === undefined || recorded === actual) continue;
      report({
        message: `Unexpected SHA-256 ${code(recorded)} for ${code(item.path)}, expected ${code(actual)}: the file changed after its metadata was written`,
        file: item.metadataPath,
        ...item.locate(['sha256']),
      });
    }
  },
};
