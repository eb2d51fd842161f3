import { describe, expect, it } from '@jest/globals';
import { policyHistoryPeriod } from './policy-history-period.js';

const period = { start: '2026-07-01', end: '2026-12-31' };

describe('policyHistoryPeriod', () => {
  it('takes the period asked for over evident.yaml', () => {
    expect(policyHistoryPeriod({ period }, { start: '2026-01-01', end: '2026-03-31' })).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(policyHistoryPeriod({ as_of: '2026-09-30' }, { start: '2026-01-01', end: '2026-03-31' })).toEqual({ start: '2026-01-01', end: '2026-03-31' });
  });

  it('takes evident.yaml `audit.period` of a Type II audit', () => {
    expect(policyHistoryPeriod({ period })).toEqual(period);
  });

  it('takes the one day `audit.as_of` of a Type I audit', () => {
    expect(policyHistoryPeriod({ as_of: '2026-09-30' })).toEqual({ start: '2026-09-30', end: '2026-09-30' });
  });

  it('has none for a Type I audit without `as_of`: the history is not read', () => {
    expect(policyHistoryPeriod({})).toBeUndefined();
  });

  it('keeps only the dates of a parsed --period', () => {
    expect(policyHistoryPeriod({ period }, { start: '2026-07-01', end: '2026-09-30', label: '2026-Q3' } as { start: string; end: string })).toEqual({ start: '2026-07-01', end: '2026-09-30' });
  });
});
