/**
 * Periods: labelled spans of calendar days (`2026-Q3`, `2026-07`, `2026`, `2026-W27`,
 * `2026-07-14`, `START..END`), inclusive at both ends, computed in UTC.
 */
import { addDays, addMonths, daysInMonth, isIsoDate, type IsoDate } from './calendar.js';

export interface Period {
  /** The label it was written as, or the canonical label of a calendar unit. */
  label: string;
  /** First day, inclusive. */
  start: IsoDate;
  /** Last day, inclusive. */
  end: IsoDate;
}

/** What `parsePeriod` accepts, for messages. */
export const PERIOD_SYNTAX = 'a period such as `2026`, `2026-Q3`, `2026-07`, `2026-W27`, `2026-07-14` or `START..END`';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const ymd = (year: number, month: number, day: number): IsoDate => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** Monday of ISO week 1: the week that holds 4 January. */
function isoWeekOneMonday(year: number): IsoDate {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const weekday = (jan4.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(ymd(year, 1, 4), -weekday);
}

/** Number of ISO weeks in a year: 53 when 28 December falls in week 53. */
export function isoWeeksInYear(year: number): number {
  return isoWeekOf(ymd(year, 12, 28)).week;
}

/** ISO 8601 week of a date: the week-numbering year (which may differ at year ends) and week 1–53. */
export function isoWeekOf(date: IsoDate): { year: number; week: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  const weekday = (day.getUTCDay() + 6) % 7;
  const thursday = new Date(Date.UTC(y, m - 1, d - weekday + 3));
  const year = thursday.getUTCFullYear();
  // The Thursday of week 1 falls on 1–7 January, so the Thursday's day of the year gives the week.
  const dayOfYear = Math.round((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000);
  return { year, week: 1 + Math.floor(dayOfYear / 7) };
}

/** One calendar unit (year, quarter, month, ISO week or day); undefined when the text is not one. */
function parseUnit(text: string): Period | undefined {
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})$/.exec(text))) {
    const year = Number(match[1]);
    return { label: text, start: ymd(year, 1, 1), end: ymd(year, 12, 31) };
  }
  if ((match = /^(\d{4})-Q([1-4])$/.exec(text))) {
    const year = Number(match[1]);
    const first = (Number(match[2]) - 1) * 3 + 1;
    return { label: text, start: ymd(year, first, 1), end: ymd(year, first + 2, daysInMonth(year, first + 2)) };
  }
  if ((match = /^(\d{4})-(\d{2})$/.exec(text))) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    if (month < 1 || month > 12) return undefined;
    return { label: text, start: ymd(year, month, 1), end: ymd(year, month, daysInMonth(year, month)) };
  }
  if ((match = /^(\d{4})-W(\d{2})$/.exec(text))) {
    const year = Number(match[1]);
    const week = Number(match[2]);
    if (week < 1 || week > isoWeeksInYear(year)) return undefined;
    const start = addDays(isoWeekOneMonday(year), (week - 1) * 7);
    return { label: text, start, end: addDays(start, 6) };
  }
  if (isIsoDate(text)) return { label: text, start: text, end: text };
  return undefined;
}

/**
 * Parse a period label. `START..END` spans from the first day of START to the
 * last day of END (`2026-07..2026-09` is 2026-07-01 to 2026-09-30). Undefined
 * when the text is not a period or END is before START.
 */
export function parsePeriod(text: string): Period | undefined {
  const trimmed = text.trim();
  const range = /^([^.]+)\.\.([^.]+)$/.exec(trimmed);
  if (!range) return parseUnit(trimmed);
  const from = parseUnit(range[1]!.trim());
  const to = parseUnit(range[2]!.trim());
  if (!from || !to || to.end < from.start) return undefined;
  return { label: `${from.label}..${to.label}`, start: from.start, end: to.end };
}

/** A period from explicit first and last days (as in `covers: { start, end }`); undefined when invalid. */
export function periodFromDates(start: string, end: string): Period | undefined {
  if (!isIsoDate(start) || !isIsoDate(end) || end < start) return undefined;
  return { label: start === end ? start : `${start}..${end}`, start, end };
}

/** Whether `inner` lies entirely within `outer`. */
export function periodContains(outer: Pick<Period, 'start' | 'end'>, inner: Pick<Period, 'start' | 'end'>): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** The days both periods share, or undefined when they do not overlap. */
export function intersectPeriods(a: Pick<Period, 'start' | 'end'>, b: Pick<Period, 'start' | 'end'>): { start: IsoDate; end: IsoDate } | undefined {
  const start = a.start > b.start ? a.start : b.start;
  const end = a.end < b.end ? a.end : b.end;
  return start <= end ? { start, end } : undefined;
}

/** Whether the union of `parts` covers every day of `whole`. */
export function periodsCover(parts: readonly Pick<Period, 'start' | 'end'>[], whole: Pick<Period, 'start' | 'end'>): boolean {
  let reached = addDays(whole.start, -1);
  for (const part of [...parts].sort((a, b) => a.start.localeCompare(b.start))) {
    if (part.start > addDays(reached, 1)) break;
    if (part.end > reached) reached = part.end;
    if (reached >= whole.end) return true;
  }
  return reached >= whole.end;
}

/** Calendar units of one kind that intersect a period, clipped to it; labels name the unit. */
export function calendarUnits(unit: 'week' | 'month' | 'quarter', period: Pick<Period, 'start' | 'end'>): Period[] {
  const out: Period[] = [];
  let cursor = period.start;
  while (cursor <= period.end) {
    const whole = unitOf(unit, cursor);
    const clipped = intersectPeriods(whole, period)!;
    out.push({ label: whole.label, ...clipped });
    cursor = addDays(whole.end, 1);
  }
  return out;
}

function unitOf(unit: 'week' | 'month' | 'quarter', date: IsoDate): Period {
  const [year, month] = date.split('-').map(Number) as [number, number];
  if (unit === 'month') return parseUnit(`${pad(year, 4)}-${pad(month)}`)!;
  if (unit === 'quarter') return parseUnit(`${pad(year, 4)}-Q${Math.floor((month - 1) / 3) + 1}`)!;
  const week = isoWeekOf(date);
  return parseUnit(`${pad(week.year, 4)}-W${pad(week.week)}`)!;
}

/**
 * Twelve-month windows from the period's first day, clipped to its last day: a
 * period of up to twelve months holds exactly one. A window inside one calendar
 * year is labelled with the year, otherwise with its dates.
 */
export function yearWindows(period: Pick<Period, 'start' | 'end'>): Period[] {
  const out: Period[] = [];
  for (let k = 0; ; k += 1) {
    const start = addMonths(period.start, 12 * k);
    if (start > period.end) break;
    const next = addDays(addMonths(period.start, 12 * (k + 1)), -1);
    const end = next < period.end ? next : period.end;
    const label = start.slice(0, 4) === end.slice(0, 4) ? start.slice(0, 4) : `${start}..${end}`;
    out.push({ label, start, end });
  }
  return out;
}
