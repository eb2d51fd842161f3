/** Calendar dates as `YYYY-MM-DD` strings, computed in UTC so no time zone shifts a day. */
export type IsoDate = string;

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = isoDate.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

export function toIsoDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

function parts(value: IsoDate): [number, number, number] {
  const match = isoDate.exec(value);
  if (!match) throw new RangeError(`Expected a date as YYYY-MM-DD, got ${value}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Add months, clamping to the end of shorter months (2026-01-31 + 1 month = 2026-02-28). */
export function addMonths(value: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(value);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, daysInMonth(year, month))).padStart(2, '0')}`;
}

export function addDays(value: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(value);
  return toIsoDate(new Date(Date.UTC(y, m - 1, d + days)));
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const [ay, am, ad] = parts(a);
  const [by, bm, bd] = parts(b);
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / 86_400_000);
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

export const cadenceMonths = { monthly: 1, quarterly: 3, semiannually: 6, annually: 12 } as const;
