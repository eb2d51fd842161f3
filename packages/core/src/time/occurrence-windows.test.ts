import { describe, expect, it } from '@jest/globals';
import { dueDate, EVIDENCE_GRACE_DAYS, occurrenceWindows } from './occurrence-windows.js';

const half = { start: '2026-07-01', end: '2026-12-31' };
const labels = (frequency: Parameters<typeof occurrenceWindows>[0], period = half) => occurrenceWindows(frequency, period).map((w) => w.label);

describe('occurrenceWindows', () => {
  it('gives monthly controls one occurrence per calendar month of the period', () => {
    expect(labels('monthly')).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
  });

  it('samples continuous and daily controls monthly', () => {
    expect(labels('continuous')).toEqual(labels('monthly'));
    expect(labels('daily')).toEqual(labels('monthly'));
  });

  it('gives quarterly controls one occurrence per calendar quarter', () => {
    expect(labels('quarterly')).toEqual(['2026-Q3', '2026-Q4']);
  });

  it('gives annual controls one occurrence over a period of up to twelve months', () => {
    expect(occurrenceWindows('annually', half)).toEqual([{ label: '2026', ...half }]);
    expect(occurrenceWindows('annually', { start: '2026-04-01', end: '2027-03-31' })).toHaveLength(1);
  });

  it('gives weekly controls one occurrence per ISO week, partial weeks at the ends', () => {
    const weeks = occurrenceWindows('weekly', { start: '2026-07-01', end: '2026-07-31' });
    expect(weeks.map((w) => `${w.label} ${w.start} ${w.end}`)).toEqual([
      '2026-W27 2026-07-01 2026-07-05',
      '2026-W28 2026-07-06 2026-07-12',
      '2026-W29 2026-07-13 2026-07-19',
      '2026-W30 2026-07-20 2026-07-26',
      '2026-W31 2026-07-27 2026-07-31',
    ]);
  });

  it('leaves event-driven controls to their population', () => {
    expect(occurrenceWindows('event', half)).toEqual([]);
  });

  it('clips occurrences of a period that starts mid-month and ends mid-quarter', () => {
    const period = { start: '2026-08-17', end: '2027-02-10' };
    expect(occurrenceWindows('monthly', period)[0]).toEqual({ label: '2026-08', start: '2026-08-17', end: '2026-08-31' });
    expect(occurrenceWindows('monthly', period).at(-1)).toEqual({ label: '2027-02', start: '2027-02-01', end: '2027-02-10' });
    expect(occurrenceWindows('quarterly', period)).toEqual([
      { label: '2026-Q3', start: '2026-08-17', end: '2026-09-30' },
      { label: '2026-Q4', start: '2026-10-01', end: '2026-12-31' },
      { label: '2027-Q1', start: '2027-01-01', end: '2027-02-10' },
    ]);
  });
});

describe('dueDate', () => {
  it('allows a week after the occurrence ends, across month and year ends', () => {
    expect(EVIDENCE_GRACE_DAYS).toBe(7);
    expect(dueDate('2026-09-30')).toBe('2026-10-07');
    expect(dueDate('2026-12-31')).toBe('2027-01-07');
    expect(dueDate('2028-02-25')).toBe('2028-03-03');
    expect(dueDate('2026-02-25', 0)).toBe('2026-02-25');
  });
});
