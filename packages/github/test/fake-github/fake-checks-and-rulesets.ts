/**
 * Check runs, commit statuses and rulesets for the fake GitHub (populations tests). Installed
 * on a FakeGitHub as extra routes; every response is validated like the others.
 */
import type { FakeGitHub, Served } from './fake-github.js';
import * as gh from './github-objects.js';
import { repository, type RepoRef } from './repository-objects.js';

const { API, WEB } = gh;

export interface FakeCheckRun {
  name: string;
  status?: 'queued' | 'in_progress' | 'completed';
  conclusion: 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | null;
}

export interface FakeStatus {
  context: string;
  state: 'success' | 'failure' | 'error' | 'pending';
}

export interface FakeRuleset {
  id: number;
  name: string;
  /** Bypass actors as GitHub lists them; left out of the response when the token may not see them. */
  bypass_actors?: { actor_id: number | null; actor_type: 'Integration' | 'OrganizationAdmin' | 'RepositoryRole' | 'Team' | 'DeployKey' | 'User'; bypass_mode: 'always' | 'pull_request' }[];
  /** The token may not read the ruleset at all (404, as GitHub answers). */
  hidden?: boolean;
}

export class FakeChecksAndRulesets {
  /** Check runs and statuses per commit SHA. */
  readonly checkRuns = new Map<string, FakeCheckRun[]>();
  readonly statuses = new Map<string, FakeStatus[]>();
  readonly rulesets = new Map<number, FakeRuleset>();
  /** Commit SHAs whose check runs the token may not read (403, as for a token without `checks: read`). */
  readonly checksForbidden = new Set<string>();

  private constructor(private readonly fake: FakeGitHub) {}

  static install(fake: FakeGitHub): FakeChecksAndRulesets {
    const state = new FakeChecksAndRulesets(fake);
    const [owner, repo] = fake.repository.split('/') as [string, string];
    const base = `/repos/${owner}/${repo}`;
    fake.addRoute('GET', '/commits/([^/]+)/check-runs', 'checks/list-for-ref', ([sha], q) => state.listCheckRuns(sha!, q, `${base}/commits/${sha}/check-runs`));
    fake.addRoute('GET', '/commits/([^/]+)/status', 'repos/get-combined-status-for-ref', ([sha]) => state.combinedStatus(sha!));
    fake.addRoute('GET', '/rulesets/(\\d+)', 'repos/get-repo-ruleset', ([id]) => state.ruleset(Number(id)));
    return state;
  }

  private get ref(): RepoRef {
    const [owner, repo] = this.fake.repository.split('/') as [string, string];
    return { owner, repo, id: 42, ownerId: 7, defaultBranch: 'main' };
  }

  private listCheckRuns(sha: string, q: URLSearchParams, pathname: string): Served {
    if (this.checksForbidden.has(sha)) return { status: 403, body: gh.basicError('Resource not accessible by integration', 403) };
    const runs = (this.checkRuns.get(sha) ?? []).map((run, i) => this.checkRunObject(sha, run, 800 + i));
    const page = this.fake.paginate(runs, q, pathname);
    return { ...page, body: { total_count: runs.length, check_runs: page.body } };
  }

  private checkRunObject(sha: string, run: FakeCheckRun, id: number) {
    const full = this.fake.repository;
    const completed = (run.status ?? 'completed') === 'completed';
    return {
      id,
      node_id: `CR_${id}`,
      head_sha: sha,
      name: run.name,
      url: `${API}/repos/${full}/check-runs/${id}`,
      html_url: `${WEB}/${full}/runs/${id}`,
      details_url: `${WEB}/${full}/actions/runs/${id}`,
      status: run.status ?? 'completed',
      conclusion: completed ? run.conclusion : null,
      started_at: '2026-07-01T10:00:00Z',
      completed_at: completed ? '2026-07-01T10:05:00Z' : null,
      external_id: null,
      check_suite: { id: 9000 + id },
      output: { title: null, summary: null, text: null, annotations_count: 0, annotations_url: `${API}/repos/${full}/check-runs/${id}/annotations` },
      app: null,
      pull_requests: [],
    };
  }

  private combinedStatus(sha: string): Served {
    const full = this.fake.repository;
    const statuses = (this.statuses.get(sha) ?? []).map((s, i) => ({
      id: 600 + i,
      node_id: `SC_${600 + i}`,
      url: `${API}/repos/${full}/statuses/${sha}`,
      avatar_url: null,
      state: s.state,
      description: null,
      target_url: null,
      context: s.context,
      created_at: '2026-07-01T10:00:00Z',
      updated_at: '2026-07-01T10:05:00Z',
    }));
    const state = statuses.some((s) => s.state === 'failure' || s.state === 'error') ? 'failure' : statuses.every((s) => s.state === 'success') && statuses.length > 0 ? 'success' : 'pending';
    return {
      status: 200,
      body: { state, sha, total_count: statuses.length, statuses, repository: repository(this.ref), commit_url: `${API}/repos/${full}/commits/${sha}`, url: `${API}/repos/${full}/commits/${sha}/status` },
    };
  }

  private ruleset(id: number): Served {
    const ruleset = this.rulesets.get(id);
    if (!ruleset || ruleset.hidden) return { status: 404, body: gh.basicError('Not Found', 404) };
    return {
      status: 200,
      body: {
        id,
        name: ruleset.name,
        target: 'branch',
        source_type: 'Repository',
        source: this.fake.repository,
        enforcement: 'active',
        ...(ruleset.bypass_actors ? { bypass_actors: ruleset.bypass_actors, current_user_can_bypass: 'never' } : {}),
        node_id: `RRS_${id}`,
        created_at: '2026-01-02T00:00:00Z',
        updated_at: '2026-01-02T00:00:00Z',
      },
    };
  }
}
