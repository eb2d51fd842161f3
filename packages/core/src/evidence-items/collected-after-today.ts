import { code, type Finding } from '../diagnostic.js';
import type { IsoDate } from '../time/calendar.js';
import type { EvidenceItem } from './evidence-item.js';

const DAY_MS = 86_400_000;

/**
 * The problem with an item whose `collected_at` is later than `today` (the check's clock, a UTC day),
 * placed at the value; undefined when it is not. Loading has no clock, so the `evidence/metadata` rule
 * reports this and `usableEvidence` leaves such an item out. A date is compared as written; a date and
 * time is the moment it names, later than today only once it is past the end of today in UTC, so a
 * collector east of UTC who writes the local time is not reported. Pure.
 */
export function collectedAfterToday(item: EvidenceItem, today: IsoDate): Finding | undefined {
  const collectedAt = item.metadata?.collected_at;
  if (collectedAt === undefined || !isCollectedAfter(collectedAt, today)) return undefined;
  return {
    message: `Unexpected \`collected_at\` ${code(collectedAt)} after today (${today}), expected the date the evidence was collected, which cannot be later than today`,
    file: item.metadataPath,
    ...item.locate(['collected_at']),
  };
}

/** Whether a `collected_at` value (as the schema accepts it) is later than `today`, as `collectedAfterToday` decides. */
export function isCollectedAfter(collectedAt: string, today: IsoDate): boolean {
  const day = collectedAt.slice(0, 10);
  if (collectedAt.length === 10) return day > today;
  // An offset is less than a day: a date and time written before today is not after it in UTC.
  if (day < today) return false;
  const moment = Date.parse(collectedAt);
  // A leap second (23:59:60) is a time the schema accepts and Date does not: its day as written decides.
  if (Number.isNaN(moment)) return day > today;
  return moment >= Date.parse(`${today}T00:00:00Z`) + DAY_MS;
}
