import { daysBetween, POPULATION_LABEL, type Occurrence, type Person, type ReadinessReport, type Team } from '@evident/core';

/** The label that marks Evident's reminder issues. */
export const REMINDER_LABEL = 'evident-reminder';

/** GitHub accepts at most 10 assignees per issue. */
const MAX_ASSIGNEES = 10;

/** A reminder issue as read from GitHub. */
export interface ReminderIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  assignees: string[];
}

export interface NewReminder {
  key: string;
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
}

export interface ReminderChange {
  number: number;
  key: string;
  title?: string;
  body?: string;
  assignees?: string[];
  /** Set when a closed issue is reopened. */
  state?: 'open';
}

export interface ReminderClose {
  number: number;
  key: string;
  /** `completed` when the occurrence is met or no longer due, `duplicate` for a second issue of one occurrence. */
  reason: 'completed' | 'duplicate';
}

export interface ReminderPlan {
  create: NewReminder[];
  update: ReminderChange[];
  close: ReminderClose[];
}

export interface PlanOptions {
  people: readonly Person[];
  teams: readonly Team[];
  /** Upcoming occurrences get an issue this many days before they are due (default 14). */
  leadDays?: number;
  /** Logins that may be assigned; others are left out (default: all). */
  assignable?: ReadonlySet<string>;
  label?: string;
}

const MARKER = /<!-- evident:occurrence (\S+) (\S+) -->/;

/** The hidden marker that ties an issue to one occurrence. */
export function occurrenceMarker(control: string, label: string): string {
  return `<!-- evident:occurrence ${control} ${label} -->`;
}

/** The occurrence key an issue body carries, if any. */
export function markerKey(body: string | null | undefined): string | undefined {
  const match = MARKER.exec(body ?? '');
  return match ? `${match[1]} ${match[2]}` : undefined;
}

/** The GitHub logins of a control owner: a person's login, or each member's of a team. */
export function ownerLogins(owner: string, people: readonly Person[], teams: readonly Team[]): string[] {
  const team = teams.find((t) => t.id === owner);
  const ids = team ? team.members : [owner];
  return [...new Set(ids.map((id) => people.find((p) => p.id === id)?.github).filter((login): login is string => Boolean(login)))].sort();
}

/** The `evident evidence add` arguments that place evidence for an occurrence. */
function coversArguments(frequency: string, occurrence: Occurrence): string {
  if (frequency !== 'event') return `--covers ${occurrence.label}`;
  if (occurrence.label === POPULATION_LABEL) return `--covers ${occurrence.start}..${occurrence.end}`;
  return `--covers ${occurrence.start} --event ${occurrence.label}`;
}

function describe(report: ReadinessReport, occurrence: Occurrence, owner: string): { title: string; body: string } {
  const control = report.controls.find((c) => c.id === occurrence.control)!;
  const overdue = occurrence.state === 'missing';
  const span = occurrence.start === occurrence.end ? occurrence.start : `${occurrence.start} to ${occurrence.end}`;
  const title = `${control.id} evidence for ${occurrence.label} ${overdue ? `is overdue (was due ${occurrence.due})` : `is due by ${occurrence.due}`}`;
  const body = [
    occurrenceMarker(occurrence.control, occurrence.label),
    `**${control.id} ${control.title}** (${control.frequency}, owner \`${owner}\`) needs evidence for **${occurrence.label}** (${span}).`,
    '',
    overdue ? `It was due on **${occurrence.due}** and is missing: add it, or write a management response under \`exceptions/\`.` : `It is due by **${occurrence.due}**.`,
    '',
    'Add the evidence in a pull request:',
    '',
    '```sh',
    `evident evidence add FILE --control ${control.id} ${coversArguments(control.frequency, occurrence)}`,
    '```',
    '',
    ...(control.frequency === 'event' && occurrence.label === POPULATION_LABEL ? ['List every event of the period under `events:` in its metadata (an empty list when there were none).', ''] : []),
    'Evident updates this issue every day and closes it once the evidence is on the main branch.',
    '',
  ].join('\n');
  return { title, body };
}

/**
 * What to do so that exactly one open issue exists per occurrence that is overdue or due
 * within `leadDays`, each up to date, and none for the others. Issues are recognised by the
 * hidden marker in their body. Pure: applying the plan and planning again yields an empty plan.
 */
export function planReminders(report: ReadinessReport, existing: readonly ReminderIssue[], options: PlanOptions): ReminderPlan {
  const lead = options.leadDays ?? 14;
  const label = options.label ?? REMINDER_LABEL;
  const wanted = new Map<string, { title: string; body: string; assignees: string[] }>();
  for (const control of report.controls) {
    for (const occurrence of control.occurrences) {
      const upcoming = occurrence.state === 'due' && daysBetween(report.today, occurrence.due) <= lead;
      if (occurrence.state !== 'missing' && !upcoming) continue;
      const assignees = ownerLogins(control.owner, options.people, options.teams).filter((login) => !options.assignable || options.assignable.has(login)).slice(0, MAX_ASSIGNEES);
      wanted.set(`${occurrence.control} ${occurrence.label}`, { ...describe(report, occurrence, control.owner), assignees });
    }
  }

  const byKey = new Map<string, ReminderIssue[]>();
  for (const issue of [...existing].sort((a, b) => a.number - b.number)) {
    const key = markerKey(issue.body);
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), issue]);
  }
  const plan: ReminderPlan = { create: [], update: [], close: [] };
  const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((x, i) => x.toLowerCase() === [...b].sort()[i]!.toLowerCase());

  for (const [key, issues] of byKey) {
    const want = wanted.get(key);
    const open = issues.filter((i) => i.state === 'open');
    if (!want) {
      for (const issue of open) plan.close.push({ number: issue.number, key, reason: 'completed' });
      continue;
    }
    const keep = open[0] ?? issues.at(-1)!;
    for (const issue of open.slice(1)) plan.close.push({ number: issue.number, key, reason: 'duplicate' });
    const change: ReminderChange = { number: keep.number, key };
    if (keep.title !== want.title) change.title = want.title;
    if (keep.body !== want.body) change.body = want.body;
    if (!sameSet(keep.assignees, want.assignees)) change.assignees = want.assignees;
    if (keep.state === 'closed') change.state = 'open';
    if (Object.keys(change).length > 2) plan.update.push(change);
  }
  for (const [key, want] of wanted) {
    if (!byKey.has(key)) plan.create.push({ key, ...want, labels: [label] });
  }
  plan.create.sort((a, b) => a.key.localeCompare(b.key));
  return plan;
}
