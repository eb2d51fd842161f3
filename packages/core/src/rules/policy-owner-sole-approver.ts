import { code } from '../diagnostic.js';
import { expandReference } from './resolve-references.js';
import type { Rule } from './rule.js';

export const policyOwnerSoleApprover: Rule = {
  id: 'policy/owner-sole-approver',
  description: 'Segregation of duties: someone other than a policy\'s owner can approve its changes.',
  check(model, report) {
    for (const policy of model.policies) {
      const owners = new Set(expandReference(model, policy.owner));
      const approvers = policy.approvers.flatMap((ref) => expandReference(model, ref));
      if (approvers.length === 0 || approvers.some((person) => !owners.has(person))) continue;
      report({ message: `Unexpected approvers of ${code(policy.id)} who are all its owner ${code(policy.owner)}, expected at least one approver other than the owner`, file: policy.source.path, ...policy.source.locate(['approvers']) });
    }
  },
};
