import { code } from '../diagnostic.js';
import type { Rule } from './rule.js';

export const coverageUncoveredCriterion: Rule = {
  id: 'coverage/uncovered-criterion',
  description: 'Every criterion in scope is mapped by at least one control.',
  check(model, report) {
    const mapped = new Set(model.controls.flatMap((c) => c.criteria));
    // Located on the first finding only: a position costs a full parse of the configuration.
    let position: ReturnType<typeof model.locateConfig> | undefined;
    for (const criterion of model.criteriaInScope) {
      if (mapped.has(criterion.id)) continue;
      report({ message: `Unexpected uncovered criterion ${code(criterion.id)} (${criterion.topic ?? criterion.family}), expected at least one control listing it in \`criteria\``, file: model.configFile, ...(position ??= model.locateConfig(['frameworks', 0, 'categories'])) });
    }
  },
};
