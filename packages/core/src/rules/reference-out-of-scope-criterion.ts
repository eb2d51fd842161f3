import { code } from '../diagnostic.js';
import type { Rule } from './rule.js';

export const referenceOutOfScopeCriterion: Rule = {
  id: 'reference/out-of-scope-criterion',
  description: 'A policy or control names a criterion whose category is not selected in evident.yaml.',
  check(model, report) {
    const byId = new Map(model.framework.criteria.map((c) => [c.id, c]));
    for (const doc of [...model.policies, ...model.controls, ...model.partialPolicies, ...model.partialControls]) {
      doc.criteria?.forEach((id, index) => {
        const criterion = byId.get(id);
        if (criterion && !model.categories.has(criterion.category)) {
          report({ message: `Unexpected criterion ${code(id)} of category ${code(criterion.category)}, expected a criterion of a category in scope (add ${code(criterion.category)} to \`frameworks[].categories\` to include it)`, file: doc.source.path, ...doc.source.locate(['criteria', index]) });
        }
      });
    }
  },
};
