import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Occurrence, Person, ReadinessReport, Team } from '@evident/core';
import { FakeGitHub } from '../../test/fake-github/fake-github.js';
import { FakeIssuesAndRules } from '../../test/fake-github/fake-issues-and-rules.js';
import { createOctokit, type GitHubClient } from '../create-octokit.js';
import { occurrenceMarker } from './plan-reminders.js';
import { syncReminders, type SyncOptions } from './sync-reminders.js';

const TOKEN = 'ghp_remindersToken_9a8b7c6d';
const people: Person[] = [
  { id: 'ada', name: 'Ada', github: 'ada-gh', email: 'a@example.com', roles: [], start_date: '2025-01-01' },
  { id: 'grace', name: 'Grace', github: 'grace-gh', email: 'g@example.com', roles: [], start_date: '2025-01-01' },
  { id: 'linus', name: 'Linus', github: 'linus-gh', email: 'l@example.com', roles: [], start_date: '2025-01-01' },
];
const teams: Team[] = [{ id: 'security', name: 'Security', members: ['ada', 'grace'] }];
const occurrence = (control: string, label: string, state: Occurrence['state'], due: string): Occurrence => ({ control, label, start: `${label}-01`, end: `${label}-28`, due, state, evidence: [] });

function report(today: string, log: Occurrence[], access: Occurrence[]): ReadinessReport {
  return {
    audit: { type: 'type2', start: '2026-07-01', end: '2026-12-31' },
    today,
    criteria: [],
    controls: [
      { id: 'LOG-01', title: 'Monthly log review', owner: 'security', status: 'operating', frequency: 'monthly', criteria: [], occurrences: log },
      { id: 'HR-02', title: 'Monthly leaver check', owner: 'linus', status: 'implemented', frequency: 'monthly', criteria: [], occurrences: access },
    ],
    exceptions: [],
    readiness: { percent: 0, rule: '', met: 0, total: 0 },
  };
}

const october = report(
  '2026-10-25',
  [occurrence('LOG-01', '2026-09', 'missing', '2026-10-07'), occurrence('LOG-01', '2026-10', 'due', '2026-11-07')],
  [occurrence('HR-02', '2026-09', 'met', '2026-10-07'), occurrence('HR-02', '2026-10', 'due', '2026-11-07')],
);

describe('syncReminders against the fake GitHub', () => {
  let fake: FakeGitHub;
  let state: FakeIssuesAndRules;
  let client: GitHubClient;
  let options: SyncOptions;
  beforeEach(async () => {
    fake = await FakeGitHub.start({ token: TOKEN });
    state = FakeIssuesAndRules.install(fake, { assignable: ['ada-gh', 'grace-gh'] });
    client = createOctokit({ token: TOKEN, baseUrl: fake.baseUrl, retries: 2, retryBaseMs: 1, writeIntervalMs: 0 });
    options = { repository: { owner: 'acme', repo: 'program' }, people, teams };
  });
  afterEach(async () => fake.stop());

  const writes = () => fake.requests.filter((r) => r.method !== 'GET');
  const openIssues = () => [...state.issues.values()].filter((i) => i.state === 'open').map((i) => [i.title, i.assignees, i.labels]);

  it('opens issues once: a second run with the same readiness changes nothing', async () => {
    const first = await syncReminders(client, october, options);
    expect(first.created).toHaveLength(3);
    expect(openIssues()).toEqual([
      ['HR-02 evidence for 2026-10 is due by 2026-11-07', [], ['evident-reminder']],
      ['LOG-01 evidence for 2026-09 is overdue (was due 2026-10-07)', ['ada-gh', 'grace-gh'], ['evident-reminder']],
      ['LOG-01 evidence for 2026-10 is due by 2026-11-07', ['ada-gh', 'grace-gh'], ['evident-reminder']],
    ]);
    const afterFirst = writes().length;
    expect(afterFirst).toBe(3);

    const second = await syncReminders(client, october, options);
    expect(second).toMatchObject({ created: [], updated: [], closed: [], plan: { create: [], update: [], close: [] } });
    expect(writes()).toHaveLength(afterFirst);
    expect(fake.requests.every((r) => r.authorized)).toBe(true);
  });

  it('updates, closes and reopens as occurrences change, then settles', async () => {
    await syncReminders(client, october, options);
    const issue = (label: string, control = 'LOG-01') => [...state.issues.values()].find((i) => i.body?.includes(occurrenceMarker(control, label)))!;
    const november = report(
      '2026-11-10',
      [occurrence('LOG-01', '2026-09', 'met', '2026-10-07'), occurrence('LOG-01', '2026-10', 'missing', '2026-11-07')],
      [occurrence('HR-02', '2026-10', 'met', '2026-11-07')],
    );
    const result = await syncReminders(client, november, options);
    expect(result.closed.sort()).toEqual([issue('2026-09').number, issue('2026-10', 'HR-02').number].sort());
    expect(result.updated).toEqual([issue('2026-10').number]);
    expect(issue('2026-10').title).toBe('LOG-01 evidence for 2026-10 is overdue (was due 2026-11-07)');
    expect(issue('2026-09')).toMatchObject({ state: 'closed', state_reason: 'completed' });
    const count = writes().length;
    await syncReminders(client, november, options);
    expect(writes()).toHaveLength(count);

    const regression = report('2026-11-12', [occurrence('LOG-01', '2026-09', 'missing', '2026-10-07'), occurrence('LOG-01', '2026-10', 'missing', '2026-11-07')], []);
    await syncReminders(client, regression, options);
    expect(issue('2026-09')).toMatchObject({ state: 'open', state_reason: 'reopened' });
    const settled = writes().length;
    await syncReminders(client, regression, options);
    expect(writes()).toHaveLength(settled);
  });

  it('leaves issues it did not open alone, and plans without writing in a dry run', async () => {
    state.addIssue({ title: 'A human issue', labels: ['evident-reminder'], body: 'No marker' });
    state.addIssue({ title: 'Another', labels: ['bug'], body: occurrenceMarker('LOG-01', '2026-09') });
    const dry = await syncReminders(client, october, { ...options, dryRun: true });
    expect(dry.plan.create).toHaveLength(3);
    expect(writes()).toEqual([]);
    await syncReminders(client, october, options);
    expect([...state.issues.values()].filter((i) => i.title === 'A human issue' || i.title === 'Another').map((i) => i.state)).toEqual(['open', 'open']);
  });
});
