import { code } from '../diagnostic.js';
import type { Rule } from './rule.js';

export const evidenceUnknownControl: Rule = {
  id: 'evidence/unknown-control',
  description: 'Every control an evidence item names exists under controls/.',
  check(model, report) {
    const known = new Set(model.controls.map((c) => c.id));
    for (const item of model.evidence.items) {
      item.metadata?.controls.forEach((id, index) => {
        if (known.has(id) || model.invalidIds.has(id)) return;
        report({ message: `Unexpected control ${code(id)}, expected an id from ${code(`${model.config.paths.controls}/`)}`, file: item.metadataPath, ...item.locate(['controls', index]) });
      });
    }
  },
};
