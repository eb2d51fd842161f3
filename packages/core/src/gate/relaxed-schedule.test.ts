import { describe, expect, it } from '@jest/globals';
import type { EvidentConfig } from '../config/config.js';
import type { Frequency } from '../model/types.js';
import { relaxedSchedule, type ScheduleSide } from './relaxed-schedule.js';

const type2 = (start: string, end: string): EvidentConfig['audit'] => ({ type: 'type2', period: { start, end } });
const side = (audit: EvidentConfig['audit'], controls: Record<string, Frequency>): ScheduleSide => ({
  config: { audit },
  controls: Object.entries(controls).map(([id, frequency]) => ({ id, frequency })),
});
const YEAR = type2('2026-01-01', '2026-12-31');

describe('relaxedSchedule', () => {
  it('names a control made less frequent or event-driven, or removed (or renamed), and nothing made more frequent or added', () => {
    const base = side(YEAR, { 'AC-01': 'monthly', 'AC-02': 'quarterly', 'AC-03': 'quarterly', 'AC-04': 'weekly', 'HR-01': 'event', 'IR-01': 'daily', 'OLD-01': 'weekly' });
    const head = side(YEAR, { 'AC-01': 'annually', 'AC-02': 'event', 'AC-03': 'monthly', 'AC-04': 'continuous', 'HR-01': 'annually', 'IR-01': 'monthly', 'NEW-01': 'annually' });
    expect(relaxedSchedule(base, head)).toEqual([
      { kind: 'frequency-lowered', subject: 'AC-01', message: 'control `AC-01` `frequency` changed from `monthly` to `annually`: fewer occurrences would need evidence' },
      { kind: 'frequency-lowered', subject: 'AC-02', message: 'control `AC-02` `frequency` changed from `quarterly` to `event`: its occurrences would be the events of a population the program lists itself' },
      { kind: 'frequency-lowered', subject: 'AC-04', message: 'control `AC-04` `frequency` changed from `weekly` to `continuous`: fewer occurrences would need evidence' },
      { kind: 'control-removed', subject: 'OLD-01', message: 'control `OLD-01` removed or renamed: its occurrences would no longer need evidence, and under a new id it would start over with the schedule it has there' },
    ]);
  });

  it('names a type2 audit period that starts later or ends earlier, or a type2 audit turned into a type1', () => {
    expect(relaxedSchedule(side(YEAR, {}), side(type2('2026-04-01', '2026-09-30'), {}))).toEqual([
      { kind: 'audit-narrowed', subject: 'audit', message: '`audit.period` starts 2026-04-01 instead of 2026-01-01 and ends 2026-09-30 instead of 2026-12-31: occurrences outside it would no longer be assessed' },
    ]);
    expect(relaxedSchedule(side(YEAR, {}), side({ type: 'type1', as_of: '2026-12-31' }, {})).map((w) => w.message)).toEqual([
      '`audit.type` changed from `type2` to `type1`: no occurrence over the period would be assessed',
    ]);
  });

  it('names nothing for a wider period or a first type2 period', () => {
    expect(relaxedSchedule(side(YEAR, {}), side(type2('2025-12-01', '2027-01-31'), {}))).toEqual([]);
    expect(relaxedSchedule(side({ type: 'type1', as_of: '2026-06-30' }, {}), side(YEAR, {}))).toEqual([]);
  });
});
