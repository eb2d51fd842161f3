import { code } from '../diagnostic.js';
import type { Rule } from './rule.js';

export const referenceUnknownPolicy: Rule = {
  id: 'reference/unknown-policy',
  description: 'Every policy a control names exists under policies/.',
  check(model, report) {
    const known = new Set(model.policies.map((p) => p.id));
    for (const control of [...model.controls, ...model.partialControls]) {
      control.policies?.forEach((id, index) => {
        if (known.has(id) || model.invalidIds.has(id)) return;
        report({ message: `Unexpected policy ${code(id)}, expected an id from ${code(`${model.config.paths.policies}/`)}`, file: control.source.path, ...control.source.locate(['policies', index]) });
      });
    }
  },
};
