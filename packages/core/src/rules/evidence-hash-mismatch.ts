import { code } from '../diagnostic.js';
import type { Rule } from './rule.js';

export const evidenceHashMismatch: Rule = {
  id: 'evidence/hash-mismatch',
  description: 'The SHA-256 (and size, when given) recorded in an evidence item’s metadata match the file’s bytes, or the Git LFS pointer that stands for them.',
  check(model, report) {
    for (const item of model.evidence.items) {
      const file = item.file;
      if (file?.lfsProblem) {
        // Starts like a Git LFS pointer but is not one: the content's SHA-256 cannot be known.
        report({ message: `${file.lfsProblem.message}: ${code(item.path)} is not a valid Git LFS pointer`, file: item.path, line: file.lfsProblem.line, column: 1 });
        continue;
      }
      const recorded = item.metadata?.sha256;
      const actual = file?.sha256;
      if (recorded === undefined || actual === undefined) continue;
      const pointer = file?.lfsPointer ? ' (the oid of its Git LFS pointer)' : '';
      if (recorded !== actual) {
        report({
          message: `Unexpected SHA-256 ${code(recorded)} for ${code(item.path)}, expected ${code(actual)}${pointer}: the file changed after its metadata was written`,
          file: item.metadataPath,
          ...item.locate(['sha256']),
        });
      }
      const size = item.metadata?.size;
      if (size !== undefined && file?.bytes !== undefined && size !== file.bytes) {
        report({
          message: `Unexpected size ${size} for ${code(item.path)}, expected ${file.bytes} bytes${file.lfsPointer ? ' (the size in its Git LFS pointer)' : ''}`,
          file: item.metadataPath,
          ...item.locate(['size']),
        });
      }
    }
  },
};
