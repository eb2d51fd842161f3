import type { AccessLimitation, AccessSnapshotSubject, RepositoryPermission, UnsealedRecord } from '@evident/core';
import { buildUnsealedRecords } from '../build-unsealed-records.js';
import { callGitHub, type ApiCallLog } from '../call-github.js';
import type { GitHubClient } from '../create-octokit.js';
import { formatRepositoryName, type RepositoryName } from '../repository-name.js';
import { listOrLimitation } from './list-or-limitation.js';

export interface AccessSnapshotOptions {
  /** The organisation (default: the owner of the first repository). */
  organization?: string;
  repositories: readonly RepositoryName[];
  now: () => Date;
  toolVersion: string;
  onProgress?: (message: string) => void;
}

/** The highest permission a collaborator holds, from GitHub's `permissions` flags. Pure. */
export function highestPermission(permissions: Partial<Record<'admin' | 'maintain' | 'push' | 'triage' | 'pull', boolean>> | undefined, roleName?: string): RepositoryPermission {
  if (permissions?.admin) return 'admin';
  if (permissions?.maintain) return 'maintain';
  if (permissions?.push) return 'write';
  if (permissions?.triage) return 'triage';
  if (permissions?.pull) return 'read';
  return (['admin', 'maintain', 'write', 'triage', 'read'] as const).find((p) => p === roleName) ?? 'read';
}

const logins = (users: { login?: string }[] | null): string[] | null => (users ? users.map((u) => String(u.login)).sort((a, b) => a.localeCompare(b)) : null);

/**
 * Who holds access on GitHub today: the organisation's members and their roles, outside
 * collaborators, teams and their members, pending invitations, the two-factor requirement and
 * the members without two-factor authentication; per repository, everyone with access and their
 * permission, and the deploy keys. What the token may not read (403, 404, 422, or a field GitHub
 * leaves out for non-owners) is recorded as a limitation, and its list is null.
 */
export async function collectAccessSnapshot(client: GitHubClient, options: AccessSnapshotOptions): Promise<UnsealedRecord<AccessSnapshotSubject>> {
  const first = options.repositories[0];
  if (!first) throw new Error('Missing repositories, expected at least one OWNER/NAME to take an access snapshot of');
  const log: ApiCallLog = [];
  const limitations: AccessLimitation[] = [];
  const fetchedAt = options.now().toISOString();
  const progress = options.onProgress ?? (() => {});
  const name = options.organization ?? first.owner;
  const limit = (scope: string, what: string) => ({ scope, what, limitations });

  progress(`Reading the access to organisation ${name}`);
  const org = await callGitHub(client, log, 'GET /orgs/{org}', { org: name }, [403, 404]);
  const organization = org.data ? name : null;
  let subject: Omit<AccessSnapshotSubject, 'repositories' | 'limitations'> = { organization, two_factor_requirement_enabled: null, members: null, outside_collaborators: null, teams: null, pending_invitations: null };
  if (!org.data) {
    limitations.push({ scope: 'organization', status: org.status, detail: `organisation \`${name}\` not visible to this token (HTTP ${org.status}): members, teams, invitations and two-factor status were not read` });
  } else {
    const required = org.data.two_factor_requirement_enabled;
    if (typeof required !== 'boolean') limitations.push({ scope: 'two-factor-requirement', status: org.status, detail: 'two-factor requirement not visible to this token (GitHub shows it to organisation owners only)' });
    const admins = await listOrLimitation(client, log, 'GET /orgs/{org}/members', { org: name, role: 'admin' }, limit('members', 'organisation owners'));
    const all = await listOrLimitation(client, log, 'GET /orgs/{org}/members', { org: name, role: 'all' }, limit('members', 'organisation members'));
    const without2fa = all ? await listOrLimitation(client, log, 'GET /orgs/{org}/members', { org: name, filter: '2fa_disabled' }, limit('two-factor', 'two-factor status')) : null;
    const adminSet = new Set((admins ?? []).map((u: { login: string }) => u.login.toLowerCase()));
    const off = without2fa ? new Set(without2fa.map((u: { login: string }) => u.login.toLowerCase())) : undefined;
    const members = all
      ? all
          .map((u: { login: string }) => ({ login: u.login, role: adminSet.has(u.login.toLowerCase()) ? ('admin' as const) : ('member' as const), two_factor_disabled: off ? off.has(u.login.toLowerCase()) : null }))
          .sort((a, b) => a.login.localeCompare(b.login))
      : null;
    const outside = await listOrLimitation(client, log, 'GET /orgs/{org}/outside_collaborators', { org: name }, limit('outside-collaborators', 'outside collaborators'));
    const teamList = await listOrLimitation(client, log, 'GET /orgs/{org}/teams', { org: name }, limit('teams', 'teams'));
    const teams: AccessSnapshotSubject['teams'] = teamList ? [] : null;
    for (const team of teamList ?? []) {
      const members = await listOrLimitation(client, log, 'GET /orgs/{org}/teams/{team_slug}/members', { org: name, team_slug: team.slug }, limit(`team ${team.slug}`, `members of team \`${team.slug}\``));
      teams!.push({ slug: String(team.slug), name: String(team.name), members: logins(members) });
    }
    const invitations = await listOrLimitation(client, log, 'GET /orgs/{org}/invitations', { org: name }, limit('invitations', 'pending invitations'));
    subject = {
      organization,
      two_factor_requirement_enabled: typeof required === 'boolean' ? required : null,
      members,
      outside_collaborators: logins(outside),
      teams,
      pending_invitations: invitations ? invitations.map((i) => ({ login: i.login ?? null, email: i.email ?? null, role: String(i.role), created_at: new Date(i.created_at).toISOString().replace(/\.000Z$/, 'Z') })) : null,
    };
  }

  const repositories: AccessSnapshotSubject['repositories'] = [];
  for (const repository of options.repositories) {
    const full = formatRepositoryName(repository);
    progress(`Reading who has access to ${full}`);
    const params = { owner: repository.owner, repo: repository.repo };
    const collaborators = await listOrLimitation(client, log, 'GET /repos/{owner}/{repo}/collaborators', { ...params, affiliation: 'all' }, limit(`collaborators ${full}`, `collaborators of ${full}`));
    const keys = await listOrLimitation(client, log, 'GET /repos/{owner}/{repo}/keys', params, limit(`deploy-keys ${full}`, `deploy keys of ${full}`));
    repositories.push({
      repository: full,
      collaborators: collaborators ? collaborators.map((c) => ({ login: String(c.login), permission: highestPermission(c.permissions, c.role_name) })).sort((a, b) => a.login.localeCompare(b.login)) : null,
      deploy_keys: keys ? keys.map((k) => ({ id: Number(k.id), title: String(k.title), read_only: k.read_only === true, created_at: new Date(k.created_at).toISOString().replace(/\.000Z$/, 'Z') })) : null,
    });
  }

  const id = `access-snapshot/${organization ?? formatRepositoryName(first)}/${fetchedAt.slice(0, 10)}`;
  const [record] = buildUnsealedRecords('access-snapshot', [{ id, subject: { ...subject, repositories, limitations } }], {
    facts: { repository: formatRepositoryName(first), fetched_at: fetchedAt, api_calls: log },
    recordedAt: fetchedAt,
    toolVersion: options.toolVersion,
  });
  return record!;
}
