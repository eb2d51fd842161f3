/**
 * An organisation, repository access and security alerts for the fake GitHub (access snapshot
 * and vulnerability tests). Installed on a FakeGitHub as extra routes; every request and
 * response is validated against the OpenAPI description like the others.
 */
import type { FakeGitHub, Served } from './fake-github.js';
import * as gh from './github-objects.js';
import type { Handler, Route } from './repository-routes.js';

const { API, WEB } = gh;
const forbidden = (message: string, accepted?: string): Served => ({ status: 403, body: gh.basicError(message, 403), ...(accepted ? { headers: { 'x-accepted-github-permissions': accepted } } : {}) });

export interface FakeDependabotAlert {
  number: number;
  state: 'open' | 'fixed' | 'dismissed' | 'auto_dismissed';
  severity: 'low' | 'medium' | 'high' | 'critical';
  package: string;
  created_at: string;
  fixed_at?: string;
  dismissed_at?: string;
}

export interface FakeCodeScanningAlert {
  number: number;
  state: 'open' | 'fixed' | 'dismissed';
  security_severity_level: 'low' | 'medium' | 'high' | 'critical' | null;
  rule: string;
  created_at: string;
  fixed_at?: string;
}

export class FakeOrganization {
  /** When false, the token is not an owner: `two_factor_requirement_enabled` is left out and the 2FA filter answers 422. */
  tokenIsOwner = true;
  twoFactorRequired = true;
  readonly members = new Map<string, { role: 'admin' | 'member'; twoFactor: boolean }>();
  readonly outsideCollaborators: string[] = [];
  readonly teams: { slug: string; name: string; members: string[] }[] = [];
  readonly invitations: { login: string | null; email: string | null; role: string }[] = [];
  readonly collaborators = new Map<string, 'admin' | 'maintain' | 'write' | 'triage' | 'read'>();
  readonly deployKeys: { id: number; title: string; read_only: boolean }[] = [];
  readonly dependabotAlerts: FakeDependabotAlert[] = [];
  /** null: code scanning is not set up (404 "no analysis found"). */
  codeScanningAlerts: FakeCodeScanningAlert[] | null = null;
  /** Lists the token may not read, by name (`outside_collaborators`, `invitations`, `keys`, `dependabot`, `teams`): 403. */
  readonly forbidden = new Set<string>();

  private constructor(
    private readonly fake: FakeGitHub,
    readonly org: string,
  ) {}

  static install(fake: FakeGitHub, options: { org?: string } = {}): FakeOrganization {
    const [owner] = fake.repository.split('/') as [string];
    const state = new FakeOrganization(fake, options.org ?? owner);
    const base = `/repos/${fake.repository}`;
    const orgPath = `/orgs/${state.org}`;
    // Organisation routes live outside /repos/{owner}/{repo}, where addRoute places its patterns.
    const orgRoute = (suffix: string, operationId: string, handler: Handler) => (fake as unknown as { extraRoutes: Route[] }).extraRoutes.push(['GET', new RegExp(`^${orgPath}${suffix}$`), operationId, handler]);
    orgRoute('', 'orgs/get', () => ({ status: 200, body: state.organization() }));
    // Any other name: a user account, or an organisation the token cannot see.
    (fake as unknown as { extraRoutes: Route[] }).extraRoutes.push(['GET', /^\/orgs\/[^/]+$/, 'orgs/get', () => ({ status: 404, body: gh.basicError('Not Found', 404) })]);
    orgRoute('/members', 'orgs/list-members', (_m, q) => state.listMembers(q, `${orgPath}/members`));
    orgRoute('/outside_collaborators', 'orgs/list-outside-collaborators', (_m, q) => state.guard('outside_collaborators', () => fake.paginate(state.outsideCollaborators.map((l) => gh.simpleUser(l, idOf(l))), q, `${orgPath}/outside_collaborators`)));
    orgRoute('/teams', 'teams/list', (_m, q) => state.guard('teams', () => fake.paginate(state.teams.map((t, i) => state.team(t, i + 1)), q, `${orgPath}/teams`)));
    orgRoute('/teams/([^/]+)/members', 'teams/list-members-in-org', ([slug], q) => {
      const team = state.teams.find((t) => t.slug === slug);
      return team ? fake.paginate(team.members.map((l) => gh.simpleUser(l, idOf(l))), q, `${orgPath}/teams/${slug}/members`) : { status: 404, body: gh.basicError('Not Found', 404) };
    });
    orgRoute('/invitations', 'orgs/list-pending-invitations', (_m, q) => state.guard('invitations', () => fake.paginate(state.invitations.map((inv, i) => state.invitation(inv, i + 1)), q, `${orgPath}/invitations`)));
    fake.addRoute('GET', '/collaborators', 'repos/list-collaborators', (_m, q) => fake.paginate([...state.collaborators].map(([login, permission]) => collaborator(login, permission)), q, `${base}/collaborators`));
    fake.addRoute('GET', '/keys', 'repos/list-deploy-keys', (_m, q) => state.guard('keys', () => fake.paginate(state.deployKeys.map((k) => ({ ...k, key: `ssh-ed25519 AAAA${k.id}`, url: `${API}${base}/keys/${k.id}`, verified: true, created_at: '2026-01-05T10:00:00Z', last_used: null, enabled: true })), q, `${base}/keys`)));
    fake.addRoute('GET', '/dependabot/alerts', 'dependabot/list-alerts-for-repo', (_m, q) => state.listDependabot(q, base));
    fake.addRoute('GET', '/code-scanning/alerts', 'code-scanning/list-alerts-for-repo', (_m, q) => {
      if (state.forbidden.has('code-scanning')) return forbidden('Code scanning is not enabled for this repository. Please enable code scanning in the repository settings.', 'security_events=read');
      if (!state.codeScanningAlerts) return { status: 404, body: gh.basicError('no analysis found', 404) };
      return fake.paginate(state.codeScanningAlerts.map((a) => state.codeScanningAlert(a, base)), q, `${base}/code-scanning/alerts`);
    });
    return state;
  }

  private guard(name: string, serve: () => Served): Served {
    return this.forbidden.has(name) ? forbidden('Resource not accessible by integration', name === 'keys' ? 'administration=read' : 'members=read') : serve();
  }

  private organization() {
    const url = `${API}/orgs/${this.org}`;
    return {
      login: this.org, id: 7, node_id: 'O_7', url, repos_url: `${url}/repos`, events_url: `${url}/events`, hooks_url: `${url}/hooks`, issues_url: `${url}/issues`,
      members_url: `${url}/members{/member}`, public_members_url: `${url}/public_members{/member}`, avatar_url: 'https://avatars.githubusercontent.com/u/7?v=4', description: null,
      html_url: `${WEB}/${this.org}`, has_organization_projects: true, has_repository_projects: true, public_repos: 0, public_gists: 0, followers: 0, following: 0, type: 'Organization',
      created_at: '2024-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', archived_at: null,
      ...(this.tokenIsOwner ? { two_factor_requirement_enabled: this.twoFactorRequired } : {}),
    };
  }

  private listMembers(q: URLSearchParams, pathname: string): Served {
    const filter = q.get('filter') ?? 'all';
    if (filter === '2fa_disabled' && !this.tokenIsOwner) return { status: 422, body: gh.basicError('Only owners can use this filter.', 422) };
    const role = q.get('role') ?? 'all';
    const logins = [...this.members].filter(([, m]) => (role === 'all' || m.role === role) && (filter !== '2fa_disabled' || !m.twoFactor)).map(([login]) => login);
    return this.fake.paginate(logins.map((l) => gh.simpleUser(l, idOf(l))), q, pathname);
  }

  private team(t: { slug: string; name: string }, id: number) {
    const url = `${API}/organizations/7/team/${id}`;
    return { id, node_id: `T_${id}`, url, members_url: `${url}/members{/member}`, name: t.name, description: null, permission: 'pull', html_url: `${WEB}/orgs/${this.org}/teams/${t.slug}`, repositories_url: `${url}/repos`, slug: t.slug, parent: null, type: 'organization' };
  }

  private invitation(inv: { login: string | null; email: string | null; role: string }, id: number) {
    return { id, login: inv.login, email: inv.email, role: inv.role, created_at: '2026-09-20T08:00:00Z', inviter: gh.simpleUser('evident-admin', 5), team_count: 0, invitation_teams_url: `${API}/organizations/7/invitations/${id}/teams`, node_id: `OI_${id}` };
  }

  /** Cursor pagination as Dependabot alerts have it since 2025-10: `after` in the Link header; `page` is a 400. */
  private listDependabot(q: URLSearchParams, base: string): Served {
    if (this.forbidden.has('dependabot')) return forbidden('Resource not accessible by integration', 'vulnerability_alerts=read');
    if (q.has('page')) return { status: 400, body: gh.basicError('Pagination using the `page` parameter is not supported.', 400) };
    const perPage = Math.min(Number(q.get('per_page') ?? 30) || 30, 100);
    const start = q.has('after') ? Number(Buffer.from(q.get('after')!, 'base64url').toString('utf8')) : 0;
    const items = this.dependabotAlerts.slice(start, start + perPage).map((a) => dependabotAlert(a, base));
    const next = start + perPage < this.dependabotAlerts.length ? `<${this.fake.baseUrl}${base}/dependabot/alerts?per_page=${perPage}&after=${Buffer.from(String(start + perPage)).toString('base64url')}>; rel="next"` : undefined;
    return { status: 200, body: items, ...(next ? { headers: { link: next } } : {}) };
  }

  private codeScanningAlert(a: FakeCodeScanningAlert, base: string) {
    return {
      number: a.number, created_at: a.created_at, url: `${API}${base}/code-scanning/alerts/${a.number}`, html_url: `${WEB}/${this.fake.repository}/security/code-scanning/${a.number}`, instances_url: `${API}${base}/code-scanning/alerts/${a.number}/instances`,
      state: a.state, fixed_at: a.fixed_at ?? null, dismissed_by: null, dismissed_at: null, dismissed_reason: null,
      rule: { id: a.rule, name: a.rule, severity: 'error', security_severity_level: a.security_severity_level, description: a.rule },
      tool: { name: 'CodeQL', guid: null, version: '2.20.0' },
      most_recent_instance: { ref: 'refs/heads/main', analysis_key: 'codeql', environment: '{}', category: 'codeql', state: a.state, commit_sha: 'a'.repeat(40), location: { path: 'src/app.ts', start_line: 1, end_line: 1, start_column: 1, end_column: 2 }, classifications: [] },
    };
  }
}

function idOf(login: string): number {
  return [...login].reduce((n, c) => (n * 31 + c.charCodeAt(0)) % 1_000_000, 7) + 1000;
}

function collaborator(login: string, permission: 'admin' | 'maintain' | 'write' | 'triage' | 'read') {
  const rank = ['read', 'triage', 'write', 'maintain', 'admin'].indexOf(permission);
  return { ...gh.simpleUser(login, idOf(login)), permissions: { pull: rank >= 0, triage: rank >= 1, push: rank >= 2, maintain: rank >= 3, admin: rank >= 4 }, role_name: permission };
}

function dependabotAlert(a: FakeDependabotAlert, base: string) {
  const pkg = { ecosystem: 'npm', name: a.package };
  const vulnerability = { package: pkg, severity: a.severity, vulnerable_version_range: '< 2.0.0', first_patched_version: { identifier: '2.0.0' } };
  const ghsa = `GHSA-${String(a.number).padStart(4, '0')}-abcd-efgh`;
  return {
    number: a.number, state: a.state,
    dependency: { package: pkg, manifest_path: 'package-lock.json', scope: 'runtime', relationship: 'direct' },
    security_advisory: {
      ghsa_id: ghsa, cve_id: null, summary: `Vulnerability in ${a.package}`, description: 'A vulnerability.', vulnerabilities: [vulnerability], severity: a.severity,
      cvss: { vector_string: null, score: 5 }, cwes: [], identifiers: [{ type: 'GHSA', value: ghsa }], references: [], published_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', withdrawn_at: null,
    },
    security_vulnerability: vulnerability,
    url: `${API}${base}/dependabot/alerts/${a.number}`, html_url: `${WEB}${base.replace('/repos', '')}/security/dependabot/${a.number}`,
    created_at: a.created_at, updated_at: a.fixed_at ?? a.dismissed_at ?? a.created_at,
    dismissed_at: a.dismissed_at ?? null, dismissed_by: null, dismissed_reason: a.dismissed_at ? 'tolerable_risk' : null, dismissed_comment: null,
    fixed_at: a.fixed_at ?? null, auto_dismissed_at: null,
  };
}
