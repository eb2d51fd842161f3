import type { Person } from '@evident/core';
import type { AuditPeriod } from '../bundle-inputs.js';
import type { BundleView } from './build-bundle-view.js';

/** One person of the roster as the workforce population lists them. */
export interface WorkforceRow {
  person: Person;
  teams: string[];
  /** The manager's name, when the manager is on the roster. */
  managerName?: string;
  /** `joined` (started in the period), `left` (ended in the period), `active-at-end`, `not-in-period`, `no-manager`. */
  tags: string[];
}

/** Tags of a person against the period: when they joined and left, and whether a manager is named. Pure. */
export function workforceTags(person: Person, period: AuditPeriod): string[] {
  const tags: string[] = [];
  const started = person.start_date <= period.end;
  const ended = person.end_date !== undefined && person.end_date < period.start;
  if (!started || ended) tags.push('not-in-period');
  if (person.start_date >= period.start && person.start_date <= period.end) tags.push('joined');
  if (person.end_date !== undefined && person.end_date >= period.start && person.end_date <= period.end) tags.push('left');
  if (started && (person.end_date === undefined || person.end_date >= period.end)) tags.push('active-at-end');
  if (person.manager === undefined) tags.push('no-manager');
  return tags;
}

/** The roster in id order, with each person's teams and manager. Pure. */
export function workforceRows(view: Pick<BundleView, 'inputs'>): WorkforceRow[] {
  const { people, teams } = view.inputs.model;
  const names = new Map(people.map((p) => [p.id, p.name]));
  return [...people]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((person) => {
      const managerName = person.manager !== undefined ? names.get(person.manager) : undefined;
      return {
        person,
        teams: teams.filter((t) => t.members.includes(person.id)).map((t) => t.id).sort(),
        ...(managerName !== undefined ? { managerName } : {}),
        tags: workforceTags(person, view.inputs.period),
      };
    });
}

/** The counts the workforce page shows. Pure. */
export function workforceCounts(rows: readonly WorkforceRow[]) {
  const count = (tag: string) => rows.filter((r) => r.tags.includes(tag)).length;
  return { listed: rows.length, inPeriod: rows.length - count('not-in-period'), joined: count('joined'), left: count('left'), activeAtEnd: count('active-at-end') };
}
