import { describe, expect, it } from '@jest/globals';
import { controlOccurrences, occurrenceState, type Covering } from './control-occurrences.js';
import { formatReadinessText } from './format-readiness.js';

const half = { start: '2026-07-01', end: '2026-12-31' };
const item = (path: string, start: string, end = start, extra: Partial<Covering> = {}): Covering => ({ path, start, end, ...extra });

describe('occurrenceState', () => {
  it('is met with evidence, else missing after the due date, due from the start, not yet due before', () => {
    expect(occurrenceState(true, '2026-09-01', '2026-10-07', '2026-08-01')).toBe('met');
    expect(occurrenceState(false, '2026-09-01', '2026-10-07', '2026-08-31')).toBe('not-yet-due');
    expect(occurrenceState(false, '2026-09-01', '2026-10-07', '2026-09-01')).toBe('due');
    expect(occurrenceState(false, '2026-09-01', '2026-10-07', '2026-10-07')).toBe('due');
    expect(occurrenceState(false, '2026-09-01', '2026-10-07', '2026-10-08')).toBe('missing');
  });
});

describe('controlOccurrences', () => {
  it('meets a window with evidence inside it or spanning all of it, not with evidence overlapping part of it', () => {
    const occurrences = controlOccurrences({ id: 'LOG-01', frequency: 'monthly' }, [
      item('inside.csv', '2026-07-14'),
      item('quarter.csv', '2026-10-01', '2026-12-31'),
      item('straddles.csv', '2026-08-15', '2026-09-15'),
    ], half, '2027-01-20');
    expect(occurrences.map((o) => [o.label, o.state, o.evidence])).toEqual([
      ['2026-07', 'met', ['inside.csv']],
      ['2026-08', 'missing', []],
      ['2026-09', 'missing', []],
      ['2026-10', 'met', ['quarter.csv']],
      ['2026-11', 'met', ['quarter.csv']],
      ['2026-12', 'met', ['quarter.csv']],
    ]);
  });

  it('meets a clipped first month with evidence labelled for the whole month, not with evidence from before the period', () => {
    const period = { start: '2026-07-15', end: '2026-09-30' };
    const [july] = controlOccurrences({ id: 'LOG-01', frequency: 'monthly' }, [item('whole-july.csv', '2026-07-01', '2026-07-31')], period, '2026-12-01');
    expect(july).toEqual({ control: 'LOG-01', label: '2026-07', start: '2026-07-15', end: '2026-07-31', due: '2026-08-07', state: 'met', evidence: ['whole-july.csv'] });
    const [early] = controlOccurrences({ id: 'LOG-01', frequency: 'monthly' }, [item('early.csv', '2026-07-10')], period, '2026-12-01');
    expect(early!.state).toBe('missing');
  });

  it('lists a population occurrence and one occurrence per event for event-driven controls', () => {
    const population = item('hires.csv', '2026-07-01', '2026-12-31', {
      events: [
        { id: 'hire-002', date: '2026-11-20' },
        { id: 'hire-001', date: '2026-08-03' },
        { id: 'hire-000', date: '2026-06-20' },
      ],
    });
    const occurrences = controlOccurrences({ id: 'HR-01', frequency: 'event' }, [population, item('check-001.pdf', '2026-08-03', '2026-08-03', { event: 'hire-001' })], half, '2026-12-01');
    expect(occurrences.map((o) => [o.label, o.start, o.due, o.state, o.evidence])).toEqual([
      ['population', '2026-07-01', '2027-01-07', 'met', ['hires.csv']],
      ['hire-001', '2026-08-03', '2026-08-10', 'met', ['check-001.pdf']],
      ['hire-002', '2026-11-20', '2026-11-27', 'missing', []],
    ]);
  });

  it('meets an event only with evidence whose covers holds the event, collected before the event or after', () => {
    const population = item('hires.csv', '2026-07-01', '2026-12-31', { events: [{ id: 'hire-001', date: '2026-08-03' }] });
    const evidence = (start: string, end: string) => item(`check-${start}.pdf`, start, end, { event: 'hire-001' });
    const hire = (...coverings: Covering[]) => controlOccurrences({ id: 'HR-01', frequency: 'event' }, [population, ...coverings], half, '2026-12-01')[1]!;
    // Another period's evidence (a file reused for a later event) does not meet it.
    expect(hire(evidence('2026-07-01', '2026-07-31'))).toMatchObject({ label: 'hire-001', state: 'missing', evidence: [] });
    expect(hire(evidence('2026-08-04', '2026-08-31'))).toMatchObject({ state: 'missing', evidence: [] });
    expect(hire(evidence('2026-08-03', '2026-08-03'))).toMatchObject({ state: 'met', evidence: ['check-2026-08-03.pdf'] });
    expect(hire(evidence('2026-07-01', '2026-07-31'), evidence('2026-08-01', '2026-08-31'))).toMatchObject({ state: 'met', evidence: ['check-2026-08-01.pdf'] });
  });

  it('needs population lists that cover the whole period', () => {
    const q3 = item('q3.csv', '2026-07-01', '2026-09-30', { events: [] });
    expect(controlOccurrences({ id: 'HR-01', frequency: 'event' }, [q3], half, '2027-01-20')[0]!.state).toBe('missing');
    const q4 = item('q4.csv', '2026-10-01', '2026-12-31', { events: [] });
    expect(controlOccurrences({ id: 'HR-01', frequency: 'event' }, [q3, q4], half, '2027-01-20')).toEqual([
      { control: 'HR-01', label: 'population', start: '2026-07-01', end: '2026-12-31', due: '2027-01-07', state: 'met', evidence: ['q3.csv', 'q4.csv'] },
    ]);
  });

  it('marks occurrences met only by one item spanning many of them, and names the item and how many it meets', () => {
    const occurrences = controlOccurrences({ id: 'LOG-01', frequency: 'monthly' }, [item('half-year.csv', '2026-07-01', '2026-12-31'), item('august.csv', '2026-08-20')], half, '2027-01-20');
    expect(occurrences.map((o) => [o.label, o.state, o.spanning])).toEqual([
      ['2026-07', 'met', [{ path: 'half-year.csv', occurrences: 6 }]],
      ['2026-08', 'met', undefined],
      ['2026-09', 'met', [{ path: 'half-year.csv', occurrences: 6 }]],
      ['2026-10', 'met', [{ path: 'half-year.csv', occurrences: 6 }]],
      ['2026-11', 'met', [{ path: 'half-year.csv', occurrences: 6 }]],
      ['2026-12', 'met', [{ path: 'half-year.csv', occurrences: 6 }]],
    ]);
    const report = { audit: { type: 'type2' as const, ...half }, today: '2027-01-20', criteria: [], controls: [{ id: 'LOG-01', title: 'Log review', owner: 'security', status: 'operating' as const, frequency: 'monthly', criteria: [], occurrences }], exceptions: [], readiness: { percent: 100, rule: 'r', met: 6, total: 6 } };
    expect(formatReadinessText(report)).toContain('2026-07 met (single item ×6) · 2026-08 met · 2026-09 met (single item ×6)');
  });
});
