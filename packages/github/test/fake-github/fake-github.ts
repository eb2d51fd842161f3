import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as gh from './github-objects.js';
import { createOpenApiValidator, type OpenApiValidator } from './openapi-validator.js';

/**
 * A loopback GitHub REST server for tests: the real Octokit talks HTTP to it. State is
 * programmed per scenario; faults can be injected; every response it serves is validated
 * against GitHub's official OpenAPI description, and `stop()` fails when one did not conform.
 */

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read';

export interface FaultSpec {
  method?: string;
  /** Matched against the decoded path (without the query). */
  path: RegExp;
  /** How many matching requests get the fault. */
  times: number;
  response: { status: number; headers?: Record<string, string>; message: string } | 'drop' | 'hang';
}

export interface RecordedRequest {
  method: string;
  /** Path and query as requested. */
  url: string;
  /** The Authorization header carried the expected token. */
  authorized: boolean;
  body?: unknown;
}

interface FakeUser {
  login: string;
  id: number;
  permission?: Permission;
}

interface FakePull extends Omit<gh.PullShape, 'author' | 'merged_by' | 'requested_reviewers'> {
  author: string;
  merged_by: string | null;
  requested: string[];
  files: { filename: string; status: string; previous_filename?: string }[];
  reviews: { id: number; login: string | null; state: string; commit_id: string | null; submitted_at: string }[];
}

export interface PullSpec {
  number: number;
  title?: string;
  body?: string;
  author: string;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  /** Merged by this login at this time, with this merge commit. */
  merged?: { by: string; at: string; sha: string };
  state?: 'open' | 'closed';
  files?: { filename: string; status: string; previous_filename?: string }[];
}

export interface ReviewSpec {
  login: string | null;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  commit_id: string | null;
  submitted_at?: string;
}

export interface Served {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (match: string[], query: URLSearchParams, body: any) => Served;

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly invalidResponses: string[] = [];
  baseUrl = '';
  private readonly users = new Map<string, FakeUser>();
  private readonly pulls = new Map<number, FakePull>();
  private readonly refs = new Map<string, string>();
  private readonly trees = new Map<string, Map<string, Buffer>>();
  private readonly faults: FaultSpec[] = [];
  private readonly server: http.Server;
  private readonly validator: OpenApiValidator;
  private readonly repoRef: gh.RepoRef;
  private nextId = 5000;
  private clock = Date.parse('2026-01-02T00:00:00Z');

  private constructor(
    private readonly token: string,
    owner: string,
    repo: string,
    /** Login of the token's identity: the author of pull requests it opens. */
    private readonly tokenLogin: string,
  ) {
    this.validator = createOpenApiValidator();
    this.repoRef = { owner, repo, id: 42, ownerId: 7, defaultBranch: 'main' };
    this.addUser(tokenLogin, 'write');
    this.server = http.createServer((req, res) => void this.handle(req, res));
  }

  static async start(options: { token: string; owner?: string; repo?: string; tokenLogin?: string }): Promise<FakeGitHub> {
    const fake = new FakeGitHub(options.token, options.owner ?? 'acme', options.repo ?? 'program', options.tokenLogin ?? 'evident-bot');
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.baseUrl = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** Close the server; fails when any response it served did not match GitHub's schema. */
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (this.invalidResponses.length > 0) throw new Error(`The fake GitHub served responses that do not match the OpenAPI description:\n${this.invalidResponses.join('\n')}`);
  }

  get repository(): string {
    return `${this.repoRef.owner}/${this.repoRef.repo}`;
  }

  addUser(login: string, permission?: Permission): void {
    this.users.set(login, { login, id: this.users.size + 100, ...(permission ? { permission } : {}) });
  }

  /** A branch and the files of its tip commit, for the contents and refs endpoints. */
  setBranch(branch: string, sha: string, files: Record<string, string | Buffer>): void {
    this.refs.set(`heads/${branch}`, sha);
    this.trees.set(sha, new Map(Object.entries(files).map(([p, content]) => [p, Buffer.from(content)])));
  }

  branchSha(branch: string): string | undefined {
    return this.refs.get(`heads/${branch}`);
  }

  fileAt(ref: string, filePath: string): Buffer | undefined {
    return this.trees.get(this.refs.get(`heads/${ref}`) ?? ref)?.get(filePath);
  }

  addPull(spec: PullSpec): void {
    const merged = spec.merged;
    const at = new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.pulls.set(spec.number, {
      number: spec.number,
      title: spec.title ?? `Pull request ${spec.number}`,
      body: spec.body ?? null,
      author: spec.author,
      state: spec.state ?? (merged ? 'closed' : 'open'),
      merged: Boolean(merged),
      merged_at: merged?.at ?? null,
      merged_by: merged?.by ?? null,
      merge_commit_sha: merged?.sha ?? null,
      head: spec.head,
      base: spec.base,
      requested: [],
      created_at: at,
      updated_at: merged?.at ?? at,
      closed_at: merged?.at ?? null,
      files: spec.files ?? [],
      reviews: [],
    });
  }

  /** Add a review; reviews are listed in the order they were added (chronological, as GitHub does). */
  addReview(pullNumber: number, spec: ReviewSpec): number {
    const pull = this.pulls.get(pullNumber);
    if (!pull) throw new Error(`No pull request ${pullNumber}`);
    const id = this.nextId++;
    this.clock += 60_000;
    pull.reviews.push({ id, login: spec.login, state: spec.state, commit_id: spec.commit_id, submitted_at: spec.submitted_at ?? new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, 'Z') });
    // As on GitHub, submitting a review fulfils the reviewer's pending review request.
    pull.requested = pull.requested.filter((login) => login !== spec.login);
    return id;
  }

  pull(number: number): FakePull | undefined {
    return this.pulls.get(number);
  }

  pullNumbers(): number[] {
    return [...this.pulls.keys()];
  }

  injectFault(fault: FaultSpec): void {
    this.faults.push({ ...fault });
  }

  private userObject(login: string) {
    const user = this.users.get(login) ?? { login, id: 900 + login.length };
    return gh.simpleUser(user.login, user.id);
  }

  private pullShape(pull: FakePull): gh.PullShape {
    const who = (login: string) => ({ login, id: this.users.get(login)?.id ?? 999 });
    return { ...pull, author: who(pull.author), merged_by: pull.merged_by ? who(pull.merged_by) : null, requested_reviewers: pull.requested.map(who) };
  }

  paginate(items: unknown[], query: URLSearchParams, pathname: string): Served {
    const perPage = Math.min(Math.max(Number(query.get('per_page') ?? 30) || 30, 1), 100);
    const page = Math.max(Number(query.get('page') ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const link = (p: number, rel: string) => {
      const q = new URLSearchParams(query);
      q.set('page', String(p));
      q.set('per_page', String(perPage));
      return `<${this.baseUrl}${pathname}?${q.toString()}>; rel="${rel}"`;
    };
    const links = [...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []), ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : [])];
    return { status: 200, body: items.slice((page - 1) * perPage, page * perPage), ...(links.length ? { headers: { link: links.join(', ') } } : {}) };
  }

  private notFound(): Served {
    return { status: 404, body: gh.basicError('Not Found', 404) };
  }

  private routes(): [string, RegExp, string, Handler][] {
    const repoPath = `/repos/${this.repoRef.owner}/${this.repoRef.repo}`;
    const esc = repoPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const r = (suffix: string) => new RegExp(`^${esc}${suffix}$`);
    const ref = this.repoRef;
    return [
      ['GET', r(''), 'repos/get', () => ({ status: 200, body: gh.fullRepository(ref) })],
      [
        'GET',
        r('/pulls'),
        'pulls/list',
        (_m, q) => {
          const state = q.get('state') ?? 'open';
          const head = q.get('head');
          const pulls = [...this.pulls.values()].filter((p) => (state === 'all' || p.state === state) && (!head || `${ref.owner}:${p.head.ref}` === head));
          if (q.get('sort') === 'updated') pulls.sort((a, b) => (q.get('direction') === 'asc' ? 1 : -1) * a.updated_at.localeCompare(b.updated_at));
          return this.paginate(pulls.map((p) => gh.pullRequestSimple(ref, this.pullShape(p))), q, `${repoPath}/pulls`);
        },
      ],
      ['POST', r('/pulls'), 'pulls/create', (_m, _q, body) => this.createPull(body)],
      ['GET', r('/pulls/(\\d+)'), 'pulls/get', ([n]) => this.withPull(n!, (p) => ({ status: 200, body: gh.pullRequest(ref, this.pullShape(p), { changedFiles: p.files.length }) }))],
      [
        'PATCH',
        r('/pulls/(\\d+)'),
        'pulls/update',
        ([n], _q, body) =>
          this.withPull(n!, (p) => {
            if (typeof body?.title === 'string') p.title = body.title;
            if (typeof body?.body === 'string') p.body = body.body;
            if (body?.state === 'open' || body?.state === 'closed') p.state = body.state;
            return { status: 200, body: gh.pullRequest(ref, this.pullShape(p), { changedFiles: p.files.length }) };
          }),
      ],
      ['GET', r('/pulls/(\\d+)/files'), 'pulls/list-files', ([n], q) => this.withPull(n!, (p) => this.paginate(p.files.map((f) => gh.diffEntry(ref, { ...f, sha: sha1(f.filename) })), q, `${repoPath}/pulls/${n}/files`))],
      [
        'GET',
        r('/pulls/(\\d+)/reviews'),
        'pulls/list-reviews',
        ([n], q) =>
          this.withPull(n!, (p) =>
            this.paginate(
              p.reviews.map((rv) => gh.pullRequestReview(ref, p.number, { ...rv, user: rv.login ? { login: rv.login, id: this.users.get(rv.login)?.id ?? 999 } : null, body: '' })),
              q,
              `${repoPath}/pulls/${n}/reviews`,
            ),
          ),
      ],
      ['POST', r('/pulls/(\\d+)/requested_reviewers'), 'pulls/request-reviewers', ([n], _q, body) => this.withPull(n!, (p) => this.requestReviewers(p, body))],
      [
        'GET',
        r('/collaborators/([^/]+)/permission'),
        'repos/get-collaborator-permission-level',
        ([login]) => {
          const user = this.users.get(login!);
          if (!user?.permission) return this.notFound();
          const legacy = user.permission === 'maintain' ? 'write' : user.permission === 'triage' ? 'read' : user.permission;
          return { status: 200, body: gh.collaboratorPermission(user.login, user.id, legacy, user.permission) };
        },
      ],
      [
        'GET',
        r('/git/ref/(.+)'),
        'git/get-ref',
        ([name]) => {
          const sha = this.refs.get(name!);
          return sha ? { status: 200, body: gh.gitRef(ref, name!, sha) } : this.notFound();
        },
      ],
      [
        'POST',
        r('/git/refs'),
        'git/create-ref',
        (_m, _q, body) => {
          const name = String(body?.ref ?? '').replace(/^refs\//, '');
          if (!name.startsWith('heads/') || !this.trees.has(String(body?.sha))) return { status: 422, body: gh.basicError('Reference update failed', 422) };
          if (this.refs.has(name)) return { status: 422, body: gh.basicError('Reference already exists', 422) };
          this.refs.set(name, String(body.sha));
          return { status: 201, body: gh.gitRef(ref, name, String(body.sha)) };
        },
      ],
      ['GET', r('/contents/(.+)'), 'repos/get-content', ([filePath], q) => this.getContent(filePath!, q.get('ref') ?? ref.defaultBranch)],
      ['PUT', r('/contents/(.+)'), 'repos/create-or-update-file-contents', ([filePath], _q, body) => this.putContent(filePath!, body)],
      ...this.extraRoutes.map(([method, suffix, operationId, handler]): [string, RegExp, string, Handler] => [method, r(suffix), operationId, handler]),
    ];
  }

  private readonly extraRoutes: [string, string, string, Handler][] = [];

  /** Serve one more operation under /repos/{owner}/{repo} (`suffix` is a pattern); its responses are validated like the others. */
  addRoute(method: string, suffix: string, operationId: string, handler: Handler): void {
    this.extraRoutes.push([method, suffix, operationId, handler]);
  }

  private withPull(n: string, fn: (pull: FakePull) => Served): Served {
    const pull = this.pulls.get(Number(n));
    return pull ? fn(pull) : this.notFound();
  }

  private createPull(body: any): Served {
    const head = String(body?.head ?? '').replace(`${this.repoRef.owner}:`, '');
    const base = String(body?.base ?? '');
    const headSha = this.refs.get(`heads/${head}`);
    const baseSha = this.refs.get(`heads/${base}`);
    if (!headSha || !baseSha || typeof body?.title !== 'string') return { status: 422, body: gh.basicError('Validation Failed', 422) };
    if ([...this.pulls.values()].some((p) => p.state === 'open' && p.head.ref === head)) return { status: 422, body: gh.basicError(`A pull request already exists for ${this.repoRef.owner}:${head}.`, 422) };
    const number = Math.max(0, ...this.pulls.keys()) + 1;
    this.addPull({ number, title: body.title, ...(typeof body.body === 'string' ? { body: body.body } : {}), author: this.tokenLogin, head: { ref: head, sha: headSha }, base: { ref: base, sha: baseSha } });
    const pull = this.pulls.get(number)!;
    return { status: 201, body: gh.pullRequest(this.repoRef, this.pullShape(pull), { changedFiles: 1 }) };
  }

  private requestReviewers(pull: FakePull, body: any): Served {
    const logins: string[] = Array.isArray(body?.reviewers) ? body.reviewers.map(String) : [];
    for (const login of logins) {
      if (login === pull.author) return { status: 422, body: gh.basicError('Review cannot be requested from pull request author.', 422) };
      if (!this.users.get(login)?.permission) return { status: 422, body: gh.basicError('Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of this repository.', 422) };
    }
    for (const login of logins) if (!pull.requested.includes(login)) pull.requested.push(login);
    return { status: 201, body: gh.pullRequestSimple(this.repoRef, this.pullShape(pull)) };
  }

  private resolve(refName: string): string | undefined {
    return this.refs.get(`heads/${refName}`) ?? (this.trees.has(refName) ? refName : undefined);
  }

  private getContent(filePath: string, refName: string): Served {
    const sha = this.resolve(refName);
    const bytes = sha ? this.trees.get(sha)?.get(filePath) : undefined;
    if (!bytes) return this.notFound();
    return { status: 200, body: gh.contentFile(this.repoRef, filePath, bytes, sha1(`blob ${bytes.length}\0${bytes.toString('binary')}`), refName) };
  }

  private putContent(filePath: string, body: any): Served {
    const branch = String(body?.branch ?? this.repoRef.defaultBranch);
    const parent = this.refs.get(`heads/${branch}`);
    if (!parent || typeof body?.content !== 'string' || typeof body?.message !== 'string') return { status: 422, body: gh.basicError('Invalid request.', 422) };
    const tree = new Map(this.trees.get(parent));
    const existing = tree.get(filePath);
    const existingSha = existing ? sha1(`blob ${existing.length}\0${existing.toString('binary')}`) : undefined;
    if (existing && body.sha !== existingSha) return { status: 409, body: gh.basicError(`${filePath} does not match ${String(body.sha)}`, 409) };
    const bytes = Buffer.from(body.content, 'base64');
    tree.set(filePath, bytes);
    const commit = sha1(`commit ${parent} ${filePath} ${this.nextId++}`);
    this.trees.set(commit, tree);
    this.refs.set(`heads/${branch}`, commit);
    const blob = sha1(`blob ${bytes.length}\0${bytes.toString('binary')}`);
    return { status: existing ? 200 : 201, body: gh.fileCommit(this.repoRef, filePath, bytes.length, blob, commit, parent, body.message) };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? JSON.parse(text) : undefined;
    const url = new URL(req.url ?? '/', this.baseUrl);
    const pathname = decodeURIComponent(url.pathname);
    const method = req.method ?? 'GET';
    const authorization = req.headers.authorization ?? '';
    const authorized = authorization === `token ${this.token}` || authorization === `bearer ${this.token}` || authorization === `Bearer ${this.token}`;
    this.requests.push({ method, url: `${url.pathname}${url.search}`, authorized, ...(body !== undefined ? { body } : {}) });

    const route = this.routes().find(([m, pattern]) => m === method && pattern.test(pathname));
    const operationId = route?.[2];
    const fault = this.faults.find((f) => f.times > 0 && (!f.method || f.method === method) && f.path.test(pathname));
    if (fault) {
      fault.times -= 1;
      if (fault.response === 'drop') {
        req.socket.destroy();
        return;
      }
      if (fault.response === 'hang') return;
      return this.send(res, operationId, { status: fault.response.status, body: gh.basicError(fault.response.message, fault.response.status), headers: fault.response.headers ?? {} });
    }
    if (!authorized) return this.send(res, operationId, { status: 401, body: gh.basicError('Bad credentials', 401) });
    if (!route) return this.send(res, undefined, this.notFound());
    const match = route[1].exec(pathname)!.slice(1);
    return this.send(res, operationId, route[3](match, url.searchParams, body));
  }

  private send(res: http.ServerResponse, operationId: string | undefined, served: Served): void {
    if (operationId) {
      const problems = this.validator.validate(operationId, served.status, served.body);
      this.invalidResponses.push(...problems);
    } else {
      this.invalidResponses.push(`No operation for a request the fake GitHub does not implement (HTTP ${served.status})`);
    }
    const payload = served.body === undefined ? '' : JSON.stringify(served.body);
    res.writeHead(served.status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(this.clock / 1000) + 3600),
      ...served.headers,
    });
    res.end(payload);
  }
}
