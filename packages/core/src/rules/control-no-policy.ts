import { code } from '../diagnostic.js';
import type { Rule } from './rule.js';

export const controlNoPolicy: Rule = {
  id: 'control/no-policy',
  description: 'Every control implements at least one policy.',
  check(model, report) {
    for (const control of model.controls) {
      if (control.policies.length > 0) continue;
      report({ message: `Unexpected control ${code(control.id)} with no policy, expected at least one policy id in \`policies\``, file: control.source.path, ...control.source.locate(['policies']) });
    }
  },
};
