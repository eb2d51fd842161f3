import type { AccessSnapshotSubject } from '../evidence/access-subjects.js';
import type { Person } from '../model/types.js';
import type { IsoDate } from '../time/calendar.js';
import { accountsWithAccess, personOfLogin } from './reconcile-access.js';

/** One account of an access snapshot, as the review file and access.csv list it. */
export interface AccessRow {
  login: string;
  person: string | null;
  name: string | null;
  /** `active`, `left YYYY-MM-DD` or `not on the roster`. */
  roster: string;
  organization_role: 'admin' | 'member' | 'outside collaborator' | null;
  /** `enabled`, `disabled` or `not visible`. */
  two_factor: string;
  teams: string[];
  /** `OWNER/NAME: permission` per repository. */
  repositories: string[];
}

/** Every account holding access, sorted by login, with its roster standing. Pure. */
export function accessRows(snapshot: AccessSnapshotSubject, people: readonly Person[], on: IsoDate): AccessRow[] {
  const members = new Map((snapshot.members ?? []).map((m) => [m.login.toLowerCase(), m]));
  const outside = new Set((snapshot.outside_collaborators ?? []).map((l) => l.toLowerCase()));
  const twoFactorVisible = (snapshot.members ?? []).some((m) => m.two_factor_disabled !== null);
  return [...accountsWithAccess(snapshot).values()]
    .map(({ login, access }): AccessRow => {
      const key = login.toLowerCase();
      const person = personOfLogin(people, login) as Person | undefined;
      const member = members.get(key);
      return {
        login,
        person: person?.id ?? null,
        name: person?.name ?? null,
        roster: !person ? 'not on the roster' : person.end_date !== undefined && person.end_date < on ? `left ${person.end_date}` : 'active',
        organization_role: member ? member.role : outside.has(key) ? 'outside collaborator' : null,
        two_factor: !member ? '' : member.two_factor_disabled === true ? 'disabled' : member.two_factor_disabled === false || twoFactorVisible ? 'enabled' : 'not visible',
        teams: (snapshot.teams ?? []).filter((t) => t.members?.some((m) => m.toLowerCase() === key)).map((t) => t.slug),
        repositories: access.filter((a) => a.includes(': ')),
      };
    })
    .sort((a, b) => a.login.toLowerCase().localeCompare(b.login.toLowerCase()));
}
