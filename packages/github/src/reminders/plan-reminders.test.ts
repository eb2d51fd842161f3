import { describe, expect, it } from '@jest/globals';
import type { Occurrence, Person, ReadinessReport, Team } from '@evident/core';
import { markerKey, occurrenceMarker, ownerLogins, planReminders, type ReminderIssue } from './plan-reminders.js';

const people: Person[] = [
  { id: 'ada', name: 'Ada', github: 'ada-gh', email: 'a@example.com', roles: [], start_date: '2025-01-01' },
  { id: 'grace', name: 'Grace', github: 'grace-gh', email: 'g@example.com', roles: [], start_date: '2025-01-01' },
];
const teams: Team[] = [{ id: 'security', name: 'Security', members: ['ada', 'grace', 'nobody'] }];

const occurrence = (label: string, state: Occurrence['state'], due: string): Occurrence => ({ control: 'LOG-01', label, start: `${label}-01`, end: `${label}-28`, due, state, evidence: [] });

function report(occurrences: Occurrence[], today = '2026-10-25'): ReadinessReport {
  return {
    audit: { type: 'type2', start: '2026-07-01', end: '2026-12-31' },
    today,
    criteria: [],
    controls: [{ id: 'LOG-01', title: 'Monthly log review', owner: 'security', status: 'operating', frequency: 'monthly', criteria: ['CC6.1'], occurrences }],
    exceptions: [],
    readiness: { percent: 0, rule: '', met: 0, total: 0 },
  };
}

const base = report([occurrence('2026-08', 'met', '2026-09-07'), occurrence('2026-09', 'missing', '2026-10-07'), occurrence('2026-10', 'due', '2026-11-07'), occurrence('2026-11', 'not-yet-due', '2026-12-07')]);

/** Apply a plan to issues as GitHub would. */
function apply(issues: ReminderIssue[], plan: ReturnType<typeof planReminders>): ReminderIssue[] {
  const out = issues.map((i) => ({ ...i }));
  let next = Math.max(0, ...out.map((i) => i.number)) + 1;
  for (const c of plan.create) out.push({ number: next++, title: c.title, body: c.body, state: 'open', assignees: c.assignees });
  for (const u of plan.update) Object.assign(out.find((i) => i.number === u.number)!, { ...(u.title ? { title: u.title } : {}), ...(u.body ? { body: u.body } : {}), ...(u.assignees ? { assignees: u.assignees } : {}), ...(u.state ? { state: u.state } : {}) });
  for (const c of plan.close) out.find((i) => i.number === c.number)!.state = 'closed';
  return out;
}

describe('planReminders', () => {
  it('opens one issue per overdue occurrence and per occurrence due within the lead time, assigned to the owner', () => {
    const plan = planReminders(base, [], { people, teams });
    expect(plan.update).toEqual([]);
    expect(plan.close).toEqual([]);
    expect(plan.create.map((c) => [c.key, c.title, c.assignees, c.labels])).toEqual([
      ['LOG-01 2026-09', 'LOG-01 evidence for 2026-09 is overdue (was due 2026-10-07)', ['ada-gh', 'grace-gh'], ['evident-reminder']],
      ['LOG-01 2026-10', 'LOG-01 evidence for 2026-10 is due by 2026-11-07', ['ada-gh', 'grace-gh'], ['evident-reminder']],
    ]);
    expect(plan.create[0]!.body).toBe(
      [
        '<!-- evident:occurrence LOG-01 2026-09 -->',
        '**LOG-01 Monthly log review** (monthly, owner `security`) needs evidence for **2026-09** (2026-09-01 to 2026-09-28).',
        '',
        'It was due on **2026-10-07** and is missing: add it, or write a management response under `exceptions/`.',
        '',
        'Add the evidence in a pull request:',
        '',
        '```sh',
        'evident evidence add FILE --control LOG-01 --covers 2026-09',
        '```',
        '',
        'Evident updates this issue every day and closes it once the evidence is on the main branch.',
        '',
      ].join('\n'),
    );
  });

  it('waits until an occurrence is due within the lead time', () => {
    expect(planReminders(base, [], { people, teams, leadDays: 7 }).create.map((c) => c.key)).toEqual(['LOG-01 2026-09']);
  });

  it('plans nothing once its plan is applied', () => {
    const after = apply([], planReminders(base, [], { people, teams }));
    expect(planReminders(base, after, { people, teams })).toEqual({ create: [], update: [], close: [] });
  });

  it('updates an issue whose occurrence became overdue, and closes the one whose evidence arrived', () => {
    const first = apply([], planReminders(base, [], { people, teams }));
    const later = report([occurrence('2026-09', 'met', '2026-10-07'), occurrence('2026-10', 'missing', '2026-11-07')], '2026-11-08');
    const plan = planReminders(later, first, { people, teams });
    expect(plan.create).toEqual([]);
    expect(plan.close).toEqual([{ number: 1, key: 'LOG-01 2026-09', reason: 'completed' }]);
    expect(plan.update).toEqual([{ number: 2, key: 'LOG-01 2026-10', title: 'LOG-01 evidence for 2026-10 is overdue (was due 2026-11-07)', body: expect.stringContaining('It was due on **2026-11-07**') }]);
    expect(planReminders(later, apply(first, plan), { people, teams })).toEqual({ create: [], update: [], close: [] });
  });

  it('reopens a closed issue of an occurrence still missing, closes duplicates and ignores issues without a marker', () => {
    const body = planReminders(base, [], { people, teams }).create[0]!.body;
    const issues: ReminderIssue[] = [
      { number: 4, title: 'old', body, state: 'closed', assignees: [] },
      { number: 7, title: 'Unrelated', body: 'No marker here', state: 'open', assignees: [] },
    ];
    const plan = planReminders(report([occurrence('2026-09', 'missing', '2026-10-07')]), issues, { people, teams });
    expect(plan).toEqual({ create: [], update: [{ number: 4, key: 'LOG-01 2026-09', title: 'LOG-01 evidence for 2026-09 is overdue (was due 2026-10-07)', assignees: ['ada-gh', 'grace-gh'], state: 'open' }], close: [] });

    const twice: ReminderIssue[] = [
      { number: 9, title: 'LOG-01 evidence for 2026-09 is overdue (was due 2026-10-07)', body, state: 'open', assignees: ['grace-gh', 'ADA-gh'] },
      { number: 8, title: 'x', body, state: 'open', assignees: [] },
    ];
    expect(planReminders(report([occurrence('2026-09', 'missing', '2026-10-07')]), twice, { people, teams })).toEqual({
      create: [],
      update: [{ number: 8, key: 'LOG-01 2026-09', title: 'LOG-01 evidence for 2026-09 is overdue (was due 2026-10-07)', assignees: ['ada-gh', 'grace-gh'] }],
      close: [{ number: 9, key: 'LOG-01 2026-09', reason: 'duplicate' }],
    });
  });

  it('assigns only logins GitHub accepts', () => {
    const plan = planReminders(base, [], { people, teams, assignable: new Set(['grace-gh']) });
    expect(plan.create.map((c) => c.assignees)).toEqual([['grace-gh'], ['grace-gh']]);
  });
});

describe('event-driven controls', () => {
  it('tells how to add the population and the evidence of one event', () => {
    const events = report([]);
    events.controls[0] = { ...events.controls[0]!, frequency: 'event', occurrences: [
      { control: 'LOG-01', label: 'population', start: '2026-07-01', end: '2026-12-31', due: '2027-01-07', state: 'due', evidence: [] },
      { control: 'LOG-01', label: 'hire-7', start: '2026-10-20', end: '2026-10-20', due: '2026-10-27', state: 'due', evidence: [] },
    ] };
    const plan = planReminders({ ...events, today: '2027-01-02' }, [], { people, teams });
    expect(plan.create.map((c) => c.body.split('\n').find((l) => l.startsWith('evident ')))).toEqual(['evident evidence add FILE --control LOG-01 --covers 2026-10-20 --event hire-7', 'evident evidence add FILE --control LOG-01 --covers 2026-07-01..2026-12-31']);
    expect(plan.create[1]!.body).toContain('List every event of the period under `events:` in its metadata');
  });
});

describe('markers and owners', () => {
  it('round-trips the hidden marker', () => {
    expect(markerKey(`intro\n${occurrenceMarker('AC-01', '2026-Q3')}\n`)).toBe('AC-01 2026-Q3');
    expect(markerKey('<!-- evident:occurrence AC-01 -->')).toBeUndefined();
    expect(markerKey(null)).toBeUndefined();
  });

  it('maps a person or a team to GitHub logins', () => {
    expect(ownerLogins('grace', people, teams)).toEqual(['grace-gh']);
    expect(ownerLogins('security', people, teams)).toEqual(['ada-gh', 'grace-gh']);
    expect(ownerLogins('unknown', people, teams)).toEqual([]);
  });
});
