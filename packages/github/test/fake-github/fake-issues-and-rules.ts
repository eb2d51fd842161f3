/**
 * Issues, assignees and branch rules for the fake GitHub (reminders and populations tests).
 * Installed on a FakeGitHub as extra routes; every response is validated like the others.
 */
import type { FakeGitHub, Served } from './fake-github.js';
import * as gh from './github-objects.js';

const { API, WEB } = gh;

export interface FakeIssue {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: 'completed' | 'reopened' | 'not_planned' | 'duplicate' | null;
  labels: string[];
  assignees: string[];
  author: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

/** One active rule as `GET /repos/{owner}/{repo}/rules/branches/{branch}` lists it. */
export type FakeRule = { type: string; parameters?: Record<string, unknown>; ruleset_source_type?: 'Repository' | 'Organization'; ruleset_source?: string; ruleset_id?: number };

export class FakeIssuesAndRules {
  readonly issues = new Map<number, FakeIssue>();
  /** Logins that can be assigned to issues (others get 404 from the assignees check). */
  readonly assignable = new Set<string>();
  readonly rules = new Map<string, FakeRule[]>();
  private clock = Date.parse('2026-10-01T00:00:00Z');

  private constructor(private readonly fake: FakeGitHub, private readonly tokenLogin: string) {}

  static install(fake: FakeGitHub, options: { assignable?: string[]; tokenLogin?: string } = {}): FakeIssuesAndRules {
    const state = new FakeIssuesAndRules(fake, options.tokenLogin ?? 'evident-bot');
    for (const login of options.assignable ?? []) state.assignable.add(login);
    const [owner, repo] = fake.repository.split('/') as [string, string];
    const base = `/repos/${owner}/${repo}`;
    fake.addRoute('GET', '/rules/branches/(.+)', 'repos/get-branch-rules', ([branch], q) => fake.paginate((state.rules.get(branch!) ?? []).map(ruleObject), q, `${base}/rules/branches/${branch}`));
    fake.addRoute('GET', '/issues', 'issues/list-for-repo', (_m, q) => fake.paginate(state.list(q).map((i) => state.issueObject(i)), q, `${base}/issues`));
    fake.addRoute('POST', '/issues', 'issues/create', (_m, _q, body) => state.create(body));
    fake.addRoute('PATCH', '/issues/(\\d+)', 'issues/update', ([n], _q, body) => state.update(Number(n), body));
    fake.addRoute('GET', '/assignees/([^/]+)', 'issues/check-user-can-be-assigned', ([login]) => (state.assignable.has(login!) ? { status: 204 } : { status: 404, body: gh.basicError('Not Found', 404) }));
    return state;
  }

  /** An issue created by hand (not by the code under test). */
  addIssue(spec: Partial<FakeIssue> & { title: string }): FakeIssue {
    const at = this.tick();
    const issue: FakeIssue = { number: this.nextNumber(), body: null, state: 'open', state_reason: null, labels: [], assignees: [], author: 'someone', created_at: at, updated_at: at, closed_at: null, ...spec };
    this.issues.set(issue.number, issue);
    return issue;
  }

  private nextNumber(): number {
    return Math.max(100, ...this.issues.keys()) + 1;
  }

  private tick(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  private list(q: URLSearchParams): FakeIssue[] {
    const state = q.get('state') ?? 'open';
    const labels = (q.get('labels') ?? '').split(',').map((l) => l.trim()).filter(Boolean);
    return [...this.issues.values()]
      .filter((i) => (state === 'all' || i.state === state) && labels.every((l) => i.labels.includes(l)))
      .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.number - a.number);
  }

  private invalid(message: string): Served {
    return { status: 422, body: gh.basicError(message, 422) };
  }

  private create(body: any): Served {
    if (typeof body?.title !== 'string' || body.title === '') return this.invalid('Validation Failed');
    const assignees: string[] = Array.isArray(body.assignees) ? body.assignees.map(String) : [];
    if (assignees.some((login) => !this.assignable.has(login))) return this.invalid('Validation Failed');
    const issue = this.addIssue({ title: body.title, body: typeof body.body === 'string' ? body.body : null, labels: Array.isArray(body.labels) ? body.labels.map(String) : [], assignees, author: this.tokenLogin });
    return { status: 201, body: this.issueObject(issue) };
  }

  private update(number: number, body: any): Served {
    const issue = this.issues.get(number);
    if (!issue) return { status: 404, body: gh.basicError('Not Found', 404) };
    if (Array.isArray(body?.assignees) && body.assignees.some((login: unknown) => !this.assignable.has(String(login)))) return this.invalid('Validation Failed');
    if (typeof body?.title === 'string') issue.title = body.title;
    if (typeof body?.body === 'string') issue.body = body.body;
    if (Array.isArray(body?.labels)) issue.labels = body.labels.map(String);
    if (Array.isArray(body?.assignees)) issue.assignees = body.assignees.map(String);
    if (body?.state === 'closed' && issue.state === 'open') {
      issue.state = 'closed';
      issue.closed_at = this.tick();
      issue.state_reason = body.state_reason ?? 'completed';
    } else if (body?.state === 'open' && issue.state === 'closed') {
      issue.state = 'open';
      issue.closed_at = null;
      issue.state_reason = 'reopened';
    }
    issue.updated_at = this.tick();
    return { status: 200, body: this.issueObject(issue) };
  }

  issueObject(issue: FakeIssue) {
    const full = this.fake.repository;
    const url = `${API}/repos/${full}/issues/${issue.number}`;
    const user = (login: string, id: number) => gh.simpleUser(login, id);
    const assignees = issue.assignees.map((login, i) => user(login, 300 + i));
    return {
      id: 70_000 + issue.number,
      node_id: `I_${issue.number}`,
      url,
      repository_url: `${API}/repos/${full}`,
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: `${WEB}/${full}/issues/${issue.number}`,
      number: issue.number,
      state: issue.state,
      state_reason: issue.state_reason,
      title: issue.title,
      body: issue.body,
      user: user(issue.author, 200),
      labels: issue.labels.map((name, i) => ({ id: 9000 + i, node_id: `LA_${i}`, url: `${API}/repos/${full}/labels/${encodeURIComponent(name)}`, name, description: null, color: 'ededed', default: false })),
      assignee: assignees[0] ?? null,
      assignees,
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: 0,
      closed_at: issue.closed_at,
      created_at: issue.created_at,
      updated_at: issue.updated_at,
      author_association: 'MEMBER',
    };
  }
}

function ruleObject(rule: FakeRule) {
  return { ruleset_source_type: 'Repository', ruleset_source: 'acme/program', ruleset_id: 17, ...rule };
}

/** The rules a well-protected default branch reports. */
export function protectiveRules(overrides: { approvals?: number; checks?: string[] } = {}): FakeRule[] {
  return [
    { type: 'deletion' },
    { type: 'non_fast_forward' },
    {
      type: 'pull_request',
      parameters: { required_approving_review_count: overrides.approvals ?? 1, dismiss_stale_reviews_on_push: true, require_code_owner_review: true, require_last_push_approval: false, required_review_thread_resolution: false, allowed_merge_methods: ['merge', 'squash'] },
    },
    { type: 'required_status_checks', parameters: { strict_required_status_checks_policy: true, required_status_checks: (overrides.checks ?? ['evident check']).map((context) => ({ context })) } },
  ];
}
