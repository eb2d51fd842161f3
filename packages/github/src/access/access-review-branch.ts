import { calendarUnits, occurrenceUnit, parsePeriod, type Frequency, type IsoDate, type Period } from '@evident/core';

/** Access review pull requests come from branches under this prefix, one per review period. */
export const ACCESS_REVIEW_BRANCH_PREFIX = 'evident/access-review/';
/** Where an access review pull request writes its review file. */
export const ACCESS_REVIEW_DIR = 'access-reviews';

export function isAccessReviewBranch(ref: string): boolean {
  return ref.startsWith(ACCESS_REVIEW_BRANCH_PREFIX) && ref.length > ACCESS_REVIEW_BRANCH_PREFIX.length;
}

/** The branch and review file of a period: `evident/access-review/2026-Q3`, `access-reviews/2026-Q3.md`. Pure. */
export function accessReviewLocation(period: Pick<Period, 'label'>): { branch: string; path: string } {
  return { branch: `${ACCESS_REVIEW_BRANCH_PREFIX}${period.label}`, path: `${ACCESS_REVIEW_DIR}/${period.label}.md` };
}

/** The period an access review branch names, or undefined when its name is not a period. Pure. */
export function periodOfAccessReviewBranch(ref: string): Period | undefined {
  if (!isAccessReviewBranch(ref)) return undefined;
  const label = ref.slice(ACCESS_REVIEW_BRANCH_PREFIX.length);
  // Ranges (`START..END`) are not branch-safe; a review period is one calendar unit.
  return label.includes('..') ? undefined : parsePeriod(label);
}

/**
 * The review period holding `today` for a control of this frequency: its calendar week, month,
 * quarter or year (event-driven and unknown frequencies review by quarter). Pure.
 */
export function defaultReviewPeriod(frequency: Frequency | undefined, today: IsoDate): Period {
  const unit = frequency ? occurrenceUnit[frequency] : 'quarter';
  if (unit === 'year') return parsePeriod(today.slice(0, 4))!;
  const label = calendarUnits(unit === 'event' ? 'quarter' : unit, { start: today, end: today })[0]!.label;
  return parsePeriod(label)!;
}
