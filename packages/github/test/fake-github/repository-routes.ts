import type { FakeRepository, Served } from './fake-repository.js';
import { notFound, sha1 } from './fake-repository.js';
import * as gh from './github-objects.js';

/** Answers one request: the groups the route's pattern captured, the query and the JSON body. */
export type Handler = (match: string[], query: URLSearchParams, body: any) => Served;

/** Method, path pattern, OpenAPI operation id (to validate the response) and handler. */
export type Route = [method: string, pattern: RegExp, operationId: string, handler: Handler];

/** A pattern for a path under `/repos/{owner}/{repo}`. */
export function repositoryPattern(repository: FakeRepository, suffix: string): RegExp {
  const escaped = `/repos/${repository.ref.owner}/${repository.ref.repo}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}${suffix}$`);
}

/** The pull request, collaborator, ref and contents operations the fake GitHub serves. */
export function repositoryRoutes(repository: FakeRepository, paginate: (items: unknown[], query: URLSearchParams, pathname: string) => Served): Route[] {
  const ref = repository.ref;
  const repoPath = `/repos/${ref.owner}/${ref.repo}`;
  const r = (suffix: string) => repositoryPattern(repository, suffix);
  const pullObject = (p: Parameters<FakeRepository['pullShape']>[0]) => gh.pullRequest(ref, repository.pullShape(p), { changedFiles: p.files.length, commits: p.commits.length });
  return [
    ['GET', r(''), 'repos/get', () => ({ status: 200, body: gh.fullRepository(ref) })],
    [
      'GET',
      r('/pulls'),
      'pulls/list',
      (_m, q) => {
        const state = q.get('state') ?? 'open';
        const head = q.get('head');
        const pulls = [...repository.pulls.values()].filter((p) => (state === 'all' || p.state === state) && (!head || `${ref.owner}:${p.head.ref}` === head));
        if (q.get('sort') === 'updated') pulls.sort((a, b) => (q.get('direction') === 'asc' ? 1 : -1) * a.updated_at.localeCompare(b.updated_at));
        return paginate(pulls.map((p) => gh.pullRequestSimple(ref, repository.pullShape(p))), q, `${repoPath}/pulls`);
      },
    ],
    ['POST', r('/pulls'), 'pulls/create', (_m, _q, body) => repository.createPull(body)],
    ['GET', r('/pulls/(\\d+)'), 'pulls/get', ([n]) => repository.withPull(n!, (p) => ({ status: 200, body: pullObject(p) }))],
    [
      'PATCH',
      r('/pulls/(\\d+)'),
      'pulls/update',
      ([n], _q, body) =>
        repository.withPull(n!, (p) => {
          if (typeof body?.title === 'string') p.title = body.title;
          if (typeof body?.body === 'string') p.body = body.body;
          if (body?.state === 'open' || body?.state === 'closed') p.state = body.state;
          return { status: 200, body: pullObject(p) };
        }),
    ],
    ['GET', r('/pulls/(\\d+)/files'), 'pulls/list-files', ([n], q) => repository.withPull(n!, (p) => paginate(p.files.map((f) => gh.diffEntry(ref, { ...f, sha: sha1(f.filename) })), q, `${repoPath}/pulls/${n}/files`))],
    [
      'GET',
      r('/pulls/(\\d+)/reviews'),
      'pulls/list-reviews',
      ([n], q) =>
        repository.withPull(n!, (p) =>
          paginate(
            p.reviews.map((rv) => gh.pullRequestReview(ref, p.number, { ...rv, user: rv.login ? repository.userRef(rv.login) : null, body: '' })),
            q,
            `${repoPath}/pulls/${n}/reviews`,
          ),
        ),
    ],
    [
      'GET',
      r('/pulls/(\\d+)/commits'),
      'pulls/list-commits',
      // GitHub lists at most 250 commits of a pull request, however many it has.
      ([n], q) => repository.withPull(n!, (p) => paginate(p.commits.slice(0, 250).map((c) => gh.commit(ref, c, (login) => repository.userRef(login))), q, `${repoPath}/pulls/${n}/commits`)),
    ],
    ['POST', r('/pulls/(\\d+)/requested_reviewers'), 'pulls/request-reviewers', ([n], _q, body) => repository.withPull(n!, (p) => repository.requestReviewers(p, body))],
    [
      'GET',
      r('/collaborators/([^/]+)/permission'),
      'repos/get-collaborator-permission-level',
      ([login]) => {
        const user = repository.users.get(login!);
        if (!user?.permission) return notFound();
        const legacy = user.permission === 'maintain' ? 'write' : user.permission === 'triage' ? 'read' : user.permission;
        return { status: 200, body: gh.collaboratorPermission(user.login, user.id, legacy, user.permission) };
      },
    ],
    [
      'GET',
      r('/git/ref/(.+)'),
      'git/get-ref',
      ([name]) => {
        const sha = repository.refs.get(name!);
        return sha ? { status: 200, body: gh.gitRef(ref, name!, sha) } : notFound();
      },
    ],
    ['POST', r('/git/refs'), 'git/create-ref', (_m, _q, body) => repository.createRef(body)],
    ['GET', r('/contents/(.+)'), 'repos/get-content', ([filePath], q) => repository.getContent(filePath!, q.get('ref') ?? ref.defaultBranch)],
    ['PUT', r('/contents/(.+)'), 'repos/create-or-update-file-contents', ([filePath], _q, body) => repository.putContent(filePath!, body)],
  ];
}
