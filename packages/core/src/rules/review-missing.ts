import { code } from '../diagnostic.js';
import type { Rule } from './rule.js';

export const reviewMissing: Rule = {
  id: 'review/missing',
  description: 'An approved policy records when it was last reviewed or is next due.',
  check(model, report) {
    for (const policy of model.policies) {
      if (policy.status !== 'approved') continue;
      if (policy.review.last_reviewed || policy.review.next_review) continue;
      report({ message: `Missing review date for ${code(policy.id)}, expected \`review.last_reviewed\` or \`review.next_review\``, file: policy.source.path, ...policy.source.locate(['review'], 'key') });
    }
  },
};
