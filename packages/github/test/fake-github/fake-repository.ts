import { createHash } from 'node:crypto';
import * as gh from './github-objects.js';

/** Served by a route of the fake GitHub: a status, a JSON body and extra headers. */
export interface Served {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read';

export interface PullSpec {
  number: number;
  title?: string;
  body?: string;
  author: string;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  /** `owner/name` of the repository the head branch is in, when it is a fork. */
  headRepository?: string;
  /** Merged by this login at this time, with this merge commit. */
  merged?: { by: string; at: string; sha: string };
  state?: 'open' | 'closed';
  files?: { filename: string; status: string; previous_filename?: string }[];
  /** The pull request's commits, oldest first (default: one commit at the head, by the author). */
  commits?: CommitSpec[];
}

/** A commit of a pull request: the GitHub logins linked to its author and committer (null when none is). */
export interface CommitSpec {
  sha: string;
  author: string | null;
  committer: string | null;
  /** The git author's email (default: the login at users.noreply.github.com). */
  email?: string;
}

export interface ReviewSpec {
  login: string | null;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  commit_id: string | null;
  submitted_at?: string;
}

export interface FakeUser {
  login: string;
  id: number;
  permission?: Permission;
}

export interface FakePull extends Omit<gh.PullShape, 'author' | 'merged_by' | 'requested_reviewers'> {
  author: string;
  merged_by: string | null;
  requested: string[];
  files: { filename: string; status: string; previous_filename?: string }[];
  commits: CommitSpec[];
  reviews: { id: number; login: string | null; state: string; commit_id: string | null; submitted_at: string }[];
}

export const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const blobSha = (bytes: Buffer) => sha1(`blob ${bytes.length}\0${bytes.toString('binary')}`);
const invalid = (message: string, status = 422): Served => ({ status, body: gh.basicError(message, status) });
export const notFound = (): Served => ({ status: 404, body: gh.basicError('Not Found', 404) });

/**
 * The state of the fake GitHub's one repository: users and their permissions, branches and
 * the files of their commits, pull requests and their reviews. Operations that answer HTTP
 * requests return what the server sends.
 */
export class FakeRepository {
  readonly users = new Map<string, FakeUser>();
  readonly pulls = new Map<number, FakePull>();
  readonly refs = new Map<string, string>();
  readonly trees = new Map<string, Map<string, Buffer>>();
  /** Milliseconds since the epoch: moves a minute per review, so timestamps are ordered. */
  clock = Date.parse('2026-01-02T00:00:00Z');
  private nextId = 5000;

  constructor(
    readonly ref: gh.RepoRef,
    /** Login of the token's identity: the author of pull requests it opens. */
    private readonly tokenLogin: string,
  ) {
    this.addUser(tokenLogin, 'write');
  }

  addUser(login: string, permission?: Permission): void {
    this.users.set(login, { login, id: this.users.size + 100, ...(permission ? { permission } : {}) });
  }

  /** A branch and the files of its tip commit, for the contents and refs endpoints. */
  setBranch(branch: string, sha: string, files: Record<string, string | Buffer>): void {
    this.refs.set(`heads/${branch}`, sha);
    this.trees.set(sha, new Map(Object.entries(files).map(([p, content]) => [p, Buffer.from(content)])));
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
      ...(spec.headRepository ? { head_repository: spec.headRepository } : {}),
      requested: [],
      created_at: at,
      updated_at: merged?.at ?? at,
      closed_at: merged?.at ?? null,
      files: spec.files ?? [],
      commits: spec.commits ?? [{ sha: spec.head.sha, author: spec.author, committer: spec.author }],
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

  userRef(login: string): { login: string; id: number } {
    return { login, id: this.users.get(login)?.id ?? 999 };
  }

  pullShape(pull: FakePull): gh.PullShape {
    const who = (login: string) => this.userRef(login);
    return { ...pull, author: who(pull.author), merged_by: pull.merged_by ? who(pull.merged_by) : null, requested_reviewers: pull.requested.map(who) };
  }

  withPull(n: string, fn: (pull: FakePull) => Served): Served {
    const pull = this.pulls.get(Number(n));
    return pull ? fn(pull) : notFound();
  }

  createPull(body: any): Served {
    const head = String(body?.head ?? '').replace(`${this.ref.owner}:`, '');
    const base = String(body?.base ?? '');
    const headSha = this.refs.get(`heads/${head}`);
    const baseSha = this.refs.get(`heads/${base}`);
    if (!headSha || !baseSha || typeof body?.title !== 'string') return invalid('Validation Failed');
    if ([...this.pulls.values()].some((p) => p.state === 'open' && p.head.ref === head)) return invalid(`A pull request already exists for ${this.ref.owner}:${head}.`);
    const number = Math.max(0, ...this.pulls.keys()) + 1;
    this.addPull({ number, title: body.title, ...(typeof body.body === 'string' ? { body: body.body } : {}), author: this.tokenLogin, head: { ref: head, sha: headSha }, base: { ref: base, sha: baseSha } });
    const pull = this.pulls.get(number)!;
    return { status: 201, body: gh.pullRequest(this.ref, this.pullShape(pull), { changedFiles: 1, commits: pull.commits.length }) };
  }

  requestReviewers(pull: FakePull, body: any): Served {
    const logins: string[] = Array.isArray(body?.reviewers) ? body.reviewers.map(String) : [];
    for (const login of logins) {
      if (login === pull.author) return invalid('Review cannot be requested from pull request author.');
      if (!this.users.get(login)?.permission) return invalid('Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of this repository.');
    }
    for (const login of logins) if (!pull.requested.includes(login)) pull.requested.push(login);
    return { status: 201, body: gh.pullRequestSimple(this.ref, this.pullShape(pull)) };
  }

  createRef(body: any): Served {
    const name = String(body?.ref ?? '').replace(/^refs\//, '');
    if (!name.startsWith('heads/') || !this.trees.has(String(body?.sha))) return invalid('Reference update failed');
    if (this.refs.has(name)) return invalid('Reference already exists');
    this.refs.set(name, String(body.sha));
    return { status: 201, body: gh.gitRef(this.ref, name, String(body.sha)) };
  }

  private resolve(refName: string): string | undefined {
    return this.refs.get(`heads/${refName}`) ?? (this.trees.has(refName) ? refName : undefined);
  }

  getContent(filePath: string, refName: string): Served {
    const sha = this.resolve(refName);
    const bytes = sha ? this.trees.get(sha)?.get(filePath) : undefined;
    if (!bytes) return notFound();
    return { status: 200, body: gh.contentFile(this.ref, filePath, bytes, blobSha(bytes), refName) };
  }

  putContent(filePath: string, body: any): Served {
    const branch = String(body?.branch ?? this.ref.defaultBranch);
    const parent = this.refs.get(`heads/${branch}`);
    if (!parent || typeof body?.content !== 'string' || typeof body?.message !== 'string') return invalid('Invalid request.');
    const tree = new Map(this.trees.get(parent));
    const existing = tree.get(filePath);
    if (existing && body.sha !== blobSha(existing)) return invalid(`${filePath} does not match ${String(body.sha)}`, 409);
    const bytes = Buffer.from(body.content, 'base64');
    tree.set(filePath, bytes);
    const commit = sha1(`commit ${parent} ${filePath} ${this.nextId++}`);
    this.trees.set(commit, tree);
    this.refs.set(`heads/${branch}`, commit);
    return { status: existing ? 200 : 201, body: gh.fileCommit(this.ref, filePath, bytes.length, blobSha(bytes), commit, parent, body.message) };
  }
}
