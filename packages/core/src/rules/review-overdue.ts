import { code } from '../diagnostic.js';
import { addMonths, cadenceMonths } from '../time/calendar.js';
import type { Policy } from '../model/types.js';
import type { Rule } from './rule.js';

/** The date a policy's next review is due: `next_review`, or the last review plus the cadence. */
export function nextReviewDate(policy: Policy): string | undefined {
  if (policy.review.next_review) return policy.review.next_review;
  if (policy.review.last_reviewed) return addMonths(policy.review.last_reviewed, cadenceMonths[policy.review.cadence]);
  return undefined;
}

export const reviewOverdue: Rule = {
  id: 'review/overdue',
  description: 'A policy in force is reviewed before its next review date.',
  check(model, report, { today }) {
    for (const policy of model.policies) {
      if (policy.status === 'retired') continue;
      const due = nextReviewDate(policy);
      if (due === undefined || due >= today) continue;
      const key = policy.review.next_review ? ['review', 'next_review'] : ['review', 'last_reviewed'];
      report({ message: `Unexpected overdue review of ${code(policy.id)} (due ${due}), expected a review on or before the due date`, file: policy.source.path, ...policy.source.locate(key) });
    }
  },
};
