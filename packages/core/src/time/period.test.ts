import { describe, expect, it } from '@jest/globals';
import { calendarUnits, intersectPeriods, isoWeekOf, isoWeeksInYear, parsePeriod, periodContains, periodFromDates, periodsCover, yearWindows } from './period.js';

describe('parsePeriod', () => {
  it.each([
    ['2026', '2026-01-01', '2026-12-31'],
    ['2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-Q2', '2026-04-01', '2026-06-30'],
    ['2026-Q3', '2026-07-01', '2026-09-30'],
    ['2026-Q4', '2026-10-01', '2026-12-31'],
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2028-02', '2028-02-01', '2028-02-29'],
    ['2100-02', '2100-02-01', '2100-02-28'],
    ['2000-02', '2000-02-01', '2000-02-29'],
    ['2024-Q1', '2024-01-01', '2024-03-31'],
    ['2026-07-14', '2026-07-14', '2026-07-14'],
    ['2028-02-29', '2028-02-29', '2028-02-29'],
    ['2026-W01', '2025-12-29', '2026-01-04'],
    ['2026-W27', '2026-06-29', '2026-07-05'],
    ['2026-W53', '2026-12-28', '2027-01-03'],
    ['2020-W53', '2020-12-28', '2021-01-03'],
    ['2021-W01', '2021-01-04', '2021-01-10'],
  ])('reads %s as %s to %s', (label, start, end) => {
    expect(parsePeriod(label)).toEqual({ label, start, end });
  });

  it('reads ranges of any two labels, from the first day of one to the last day of the other', () => {
    expect(parsePeriod('2026-07..2026-09')).toEqual({ label: '2026-07..2026-09', start: '2026-07-01', end: '2026-09-30' });
    expect(parsePeriod('2026-07-15..2027-01-14')).toEqual({ label: '2026-07-15..2027-01-14', start: '2026-07-15', end: '2027-01-14' });
    expect(parsePeriod('2026-Q3..2027')).toEqual({ label: '2026-Q3..2027', start: '2026-07-01', end: '2027-12-31' });
    expect(parsePeriod('2026-07-14..2026-07-14')).toEqual({ label: '2026-07-14..2026-07-14', start: '2026-07-14', end: '2026-07-14' });
  });

  it.each(['', '26', '2026-Q0', '2026-Q5', '2026-00', '2026-13', '2026-W00', '2025-W53', '2026-W54', '2026-02-29', '2026-7', '2026-07-1', 'Q3-2026', '2026-09..2026-07', '2026..', '..2026', '2026...2027', '2026-07..2026-08..2026-09'])(
    'refuses %j',
    (label) => {
      expect(parsePeriod(label)).toBeUndefined();
    },
  );

  it('builds periods from explicit days', () => {
    expect(periodFromDates('2026-07-01', '2026-07-31')).toEqual({ label: '2026-07-01..2026-07-31', start: '2026-07-01', end: '2026-07-31' });
    expect(periodFromDates('2026-07-01', '2026-07-01')).toEqual({ label: '2026-07-01', start: '2026-07-01', end: '2026-07-01' });
    expect(periodFromDates('2026-07-02', '2026-07-01')).toBeUndefined();
    expect(periodFromDates('2026-02-30', '2026-03-01')).toBeUndefined();
  });
});

describe('ISO weeks', () => {
  it('numbers weeks from the week holding 4 January, across year ends', () => {
    expect(isoWeekOf('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf('2021-01-04')).toEqual({ year: 2021, week: 1 });
    expect(isoWeekOf('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOf('2026-07-14')).toEqual({ year: 2026, week: 29 });
    expect(isoWeekOf('2027-01-03')).toEqual({ year: 2026, week: 53 });
  });

  it('knows which years have 53 weeks', () => {
    expect([2015, 2020, 2021, 2024, 2026, 2032].map(isoWeeksInYear)).toEqual([53, 53, 52, 52, 53, 53]);
  });
});

describe('calendar units over a period', () => {
  it('splits a period at month boundaries, including February of a leap year', () => {
    expect(calendarUnits('month', { start: '2028-01-01', end: '2028-03-31' })).toEqual([
      { label: '2028-01', start: '2028-01-01', end: '2028-01-31' },
      { label: '2028-02', start: '2028-02-01', end: '2028-02-29' },
      { label: '2028-03', start: '2028-03-01', end: '2028-03-31' },
    ]);
  });

  it('gives a period starting mid-month a partial first month and ending mid-month a partial last one', () => {
    expect(calendarUnits('month', { start: '2026-07-15', end: '2026-10-14' })).toEqual([
      { label: '2026-07', start: '2026-07-15', end: '2026-07-31' },
      { label: '2026-08', start: '2026-08-01', end: '2026-08-31' },
      { label: '2026-09', start: '2026-09-01', end: '2026-09-30' },
      { label: '2026-10', start: '2026-10-01', end: '2026-10-14' },
    ]);
  });

  it('splits at quarter boundaries and clips a period ending mid-quarter', () => {
    expect(calendarUnits('quarter', { start: '2026-07-01', end: '2027-02-14' })).toEqual([
      { label: '2026-Q3', start: '2026-07-01', end: '2026-09-30' },
      { label: '2026-Q4', start: '2026-10-01', end: '2026-12-31' },
      { label: '2027-Q1', start: '2027-01-01', end: '2027-02-14' },
    ]);
    expect(calendarUnits('quarter', { start: '2026-08-15', end: '2026-09-30' })).toEqual([{ label: '2026-Q3', start: '2026-08-15', end: '2026-09-30' }]);
  });

  it('starts and ends exactly on boundaries without empty units', () => {
    expect(calendarUnits('month', { start: '2026-06-30', end: '2026-07-01' })).toEqual([
      { label: '2026-06', start: '2026-06-30', end: '2026-06-30' },
      { label: '2026-07', start: '2026-07-01', end: '2026-07-01' },
    ]);
    expect(calendarUnits('quarter', { start: '2026-12-31', end: '2027-01-01' }).map((u) => u.label)).toEqual(['2026-Q4', '2027-Q1']);
  });

  it('splits into ISO weeks, labelled with the week-numbering year', () => {
    expect(calendarUnits('week', { start: '2026-12-24', end: '2027-01-06' })).toEqual([
      { label: '2026-W52', start: '2026-12-24', end: '2026-12-27' },
      { label: '2026-W53', start: '2026-12-28', end: '2027-01-03' },
      { label: '2027-W01', start: '2027-01-04', end: '2027-01-06' },
    ]);
  });

  it('counts 26 or 27 weeks in a half year', () => {
    expect(calendarUnits('week', { start: '2026-07-01', end: '2026-12-31' })).toHaveLength(27);
  });
});

describe('twelve-month windows', () => {
  it('gives a period of up to twelve months exactly one window, labelled with the year when it lies in one', () => {
    expect(yearWindows({ start: '2026-07-01', end: '2026-12-31' })).toEqual([{ label: '2026', start: '2026-07-01', end: '2026-12-31' }]);
    expect(yearWindows({ start: '2026-07-01', end: '2027-06-30' })).toEqual([{ label: '2026-07-01..2027-06-30', start: '2026-07-01', end: '2027-06-30' }]);
    expect(yearWindows({ start: '2026-01-01', end: '2026-12-31' })).toEqual([{ label: '2026', start: '2026-01-01', end: '2026-12-31' }]);
  });

  it('starts a second window after twelve months, leap day included', () => {
    expect(yearWindows({ start: '2027-03-01', end: '2028-03-01' })).toEqual([
      { label: '2027-03-01..2028-02-29', start: '2027-03-01', end: '2028-02-29' },
      { label: '2028', start: '2028-03-01', end: '2028-03-01' },
    ]);
  });
});

describe('period relations', () => {
  it('tests containment both ways and intersections', () => {
    const q3 = parsePeriod('2026-Q3')!;
    expect(periodContains(q3, parsePeriod('2026-08')!)).toBe(true);
    expect(periodContains(parsePeriod('2026-08')!, q3)).toBe(false);
    expect(periodContains(q3, parsePeriod('2026-W27')!)).toBe(false);
    expect(intersectPeriods(q3, parsePeriod('2026-W27')!)).toEqual({ start: '2026-07-01', end: '2026-07-05' });
    expect(intersectPeriods(q3, parsePeriod('2026-Q4')!)).toBeUndefined();
  });

  it('tells whether pieces cover a whole period without gaps', () => {
    const half = { start: '2026-07-01', end: '2026-12-31' };
    expect(periodsCover([parsePeriod('2026-Q4')!, parsePeriod('2026-Q3')!], half)).toBe(true);
    expect(periodsCover([parsePeriod('2026-07..2026-08')!, parsePeriod('2026-Q4')!], half)).toBe(false);
    expect(periodsCover([parsePeriod('2026-06-01..2026-09-30')!, parsePeriod('2026-10-01..2027-01-31')!], half)).toBe(true);
    expect(periodsCover([], half)).toBe(false);
  });
});
