import type { AccessSnapshotSubject } from '../evidence/access-subjects.js';
import type { Person } from '../model/types.js';
import type { IsoDate } from '../time/calendar.js';

export type AccessFindingReason = 'leaver-with-access' | 'unknown-account' | 'unjustified-admin' | 'no-two-factor';

/** One account whose access the roster does not explain. */
export interface AccessFinding {
  reason: AccessFindingReason;
  login: string;
  /** Roster person id, or null for an account that belongs to nobody on the roster. */
  person: string | null;
  /** Where the account holds access, e.g. `organisation owner`, `acme/app: admin`. */
  access: string[];
  detail: string;
}

export interface ReconcileOptions {
  /** The day of the snapshot: people whose `end_date` is before it have left. */
  on: IsoDate;
  /** Roster roles that justify admin access; without them admins are not reconciled. */
  adminRoles?: readonly string[];
}

/** Every account holding access in a snapshot, with where it holds it (invitations are not access yet). Pure. */
export function accountsWithAccess(snapshot: AccessSnapshotSubject): Map<string, { login: string; access: string[]; admin: boolean }> {
  const accounts = new Map<string, { login: string; access: string[]; admin: boolean }>();
  const add = (login: string, where: string, admin = false) => {
    const key = login.toLowerCase();
    const entry = accounts.get(key) ?? { login, access: [], admin: false };
    if (!entry.access.includes(where)) entry.access.push(where);
    entry.admin ||= admin;
    accounts.set(key, entry);
  };
  for (const m of snapshot.members ?? []) add(m.login, m.role === 'admin' ? 'organisation owner' : 'organisation member', m.role === 'admin');
  for (const login of snapshot.outside_collaborators ?? []) add(login, 'outside collaborator');
  for (const repo of snapshot.repositories) for (const c of repo.collaborators ?? []) add(c.login, `${repo.repository}: ${c.permission}`, c.permission === 'admin');
  return accounts;
}

/** The roster person a GitHub login belongs to (logins compare without case). */
export function personOfLogin(people: readonly Pick<Person, 'id' | 'github'>[], login: string): Pick<Person, 'id' | 'github'> | undefined {
  const lower = login.toLowerCase();
  return people.find((p) => p.github.toLowerCase() === lower);
}

/**
 * Reconcile a snapshot with the roster: accounts of people who have left still holding access,
 * accounts that belong to nobody on the roster, admins whose roles do not justify admin, and
 * members without two-factor authentication. Sorted by reason, then login. Pure.
 */
export function reconcileAccess(snapshot: AccessSnapshotSubject, people: readonly Person[], options: ReconcileOptions): AccessFinding[] {
  const out: AccessFinding[] = [];
  const where = (access: string[]) => access.join(', ');
  for (const account of accountsWithAccess(snapshot).values()) {
    const person = personOfLogin(people, account.login) as Person | undefined;
    if (!person) {
      out.push({ reason: 'unknown-account', login: account.login, person: null, access: account.access, detail: `@${account.login} holds access (${where(account.access)}) but belongs to nobody on the roster.` });
      continue;
    }
    if (person.end_date !== undefined && person.end_date < options.on) {
      out.push({ reason: 'leaver-with-access', login: account.login, person: person.id, access: account.access, detail: `${person.name} (${person.id}) left on ${person.end_date} but @${account.login} still holds access (${where(account.access)}) on ${options.on}.` });
    }
    if (options.adminRoles && account.admin && !person.roles.some((role) => options.adminRoles!.includes(role))) {
      const admin = account.access.filter((a) => a === 'organisation owner' || a.endsWith(': admin'));
      out.push({ reason: 'unjustified-admin', login: account.login, person: person.id, access: admin, detail: `${person.name} (${person.id}) holds admin access (${where(admin)}) but none of their roles (${person.roles.join(', ') || 'none'}) is among the admin roles (${options.adminRoles.join(', ')}).` });
    }
  }
  for (const member of snapshot.members ?? []) {
    if (member.two_factor_disabled !== true) continue;
    const person = personOfLogin(people, member.login);
    out.push({ reason: 'no-two-factor', login: member.login, person: person?.id ?? null, access: [member.role === 'admin' ? 'organisation owner' : 'organisation member'], detail: `@${member.login} is a member of ${snapshot.organization ?? 'the organisation'} without two-factor authentication.` });
  }
  return out.sort((a, b) => a.reason.localeCompare(b.reason) || a.login.toLowerCase().localeCompare(b.login.toLowerCase()));
}
