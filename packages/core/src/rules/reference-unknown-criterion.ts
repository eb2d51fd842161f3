import { code } from '../diagnostic.js';
import type { Rule } from './rule.js';

export const referenceUnknownCriterion: Rule = {
  id: 'reference/unknown-criterion',
  description: 'Every criterion a policy or control names exists in the framework catalog.',
  check(model, report) {
    const known = new Set(model.framework.criteria.map((c) => c.id));
    if (known.size === 0) return;
    for (const doc of [...model.policies, ...model.controls, ...model.partialPolicies, ...model.partialControls]) {
      doc.criteria?.forEach((id, index) => {
        if (!known.has(id)) report({ message: `Unexpected criterion ${code(id)}, expected an id from the ${model.framework.name} catalog`, file: doc.source.path, ...doc.source.locate(['criteria', index]) });
      });
    }
  },
};
