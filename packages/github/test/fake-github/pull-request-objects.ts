/** Builders of GitHub REST objects about pull requests, their reviews and files (see repository-objects.ts). */
import { API, repository, simpleUser, WEB, type RepoRef } from './repository-objects.js';

export interface PullShape {
  number: number;
  title: string;
  body: string | null;
  author: { login: string; id: number };
  state: 'open' | 'closed';
  merged: boolean;
  merged_at: string | null;
  merged_by: { login: string; id: number } | null;
  merge_commit_sha: string | null;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  /** `owner/name` of the head's repository when it is not this one (a fork). */
  head_repository?: string;
  requested_reviewers: { login: string; id: number }[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

/** `pull-request-simple`, as pulls.list and requestReviewers answer. */
export function pullRequestSimple(ref: RepoRef, pull: PullShape) {
  const full = `${ref.owner}/${ref.repo}`;
  const url = `${API}/repos/${full}/pulls/${pull.number}`;
  const issue = `${API}/repos/${full}/issues/${pull.number}`;
  const html = `${WEB}/${full}/pull/${pull.number}`;
  const side = (s: { ref: string; sha: string }, of: RepoRef = ref) => ({ label: `${of.owner}:${s.ref}`, ref: s.ref, sha: s.sha, user: simpleUser(of.owner, of.ownerId), repo: { ...repository(of), fork: of !== ref } });
  const [forkOwner, forkRepo] = (pull.head_repository ?? '').split('/');
  const headRepo = forkOwner && forkRepo ? { owner: forkOwner, repo: forkRepo, id: ref.id + 1000, ownerId: ref.ownerId + 1000, defaultBranch: ref.defaultBranch } : ref;
  return {
    url,
    id: 1000 + pull.number,
    node_id: `PR_${pull.number}`,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issue,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${API}/repos/${full}/pulls/comments{/number}`,
    comments_url: `${issue}/comments`,
    statuses_url: `${API}/repos/${full}/statuses/${pull.head.sha}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: simpleUser(pull.author.login, pull.author.id),
    body: pull.body,
    labels: [],
    milestone: null,
    active_lock_reason: null,
    created_at: pull.created_at,
    updated_at: pull.updated_at,
    closed_at: pull.closed_at,
    merged_at: pull.merged_at,
    merge_commit_sha: pull.merge_commit_sha,
    assignee: null,
    assignees: [],
    requested_reviewers: pull.requested_reviewers.map((u) => simpleUser(u.login, u.id)),
    requested_teams: [],
    head: side(pull.head, headRepo),
    base: side(pull.base),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issue },
      comments: { href: `${issue}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${API}/repos/${full}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${API}/repos/${full}/statuses/${pull.head.sha}` },
    },
    author_association: 'MEMBER',
    auto_merge: null,
    draft: false,
  };
}

/** `pull-request`, as pulls.get, pulls.create and pulls.update answer. */
export function pullRequest(ref: RepoRef, pull: PullShape, counts: { changedFiles: number; commits?: number }) {
  return {
    ...pullRequestSimple(ref, pull),
    merged: pull.merged,
    mergeable: pull.state === 'open' ? true : null,
    rebaseable: null,
    mergeable_state: pull.state === 'open' ? 'clean' : 'unknown',
    merged_by: pull.merged_by ? simpleUser(pull.merged_by.login, pull.merged_by.id) : null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: counts.commits ?? 1,
    additions: 1,
    deletions: 1,
    changed_files: counts.changedFiles,
  };
}

export interface ReviewShape {
  id: number;
  user: { login: string; id: number } | null;
  state: string;
  commit_id: string | null;
  submitted_at: string;
  body: string;
}

export function pullRequestReview(ref: RepoRef, pullNumber: number, review: ReviewShape) {
  const full = `${ref.owner}/${ref.repo}`;
  const html = `${WEB}/${full}/pull/${pullNumber}#pullrequestreview-${review.id}`;
  const pr = `${API}/repos/${full}/pulls/${pullNumber}`;
  return {
    id: review.id,
    node_id: `PRR_${review.id}`,
    user: review.user ? simpleUser(review.user.login, review.user.id) : null,
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pr,
    _links: { html: { href: html }, pull_request: { href: pr } },
    submitted_at: review.submitted_at,
    commit_id: review.commit_id,
    author_association: 'MEMBER',
  };
}

export function diffEntry(ref: RepoRef, file: { filename: string; status: string; previous_filename?: string; sha: string }) {
  const full = `${ref.owner}/${ref.repo}`;
  return {
    sha: file.sha,
    filename: file.filename,
    status: file.status,
    additions: 1,
    deletions: 1,
    changes: 2,
    blob_url: `${WEB}/${full}/blob/${file.sha}/${encodeURI(file.filename)}`,
    raw_url: `${WEB}/${full}/raw/${file.sha}/${encodeURI(file.filename)}`,
    contents_url: `${API}/repos/${full}/contents/${encodeURI(file.filename)}?ref=${file.sha}`,
    ...(file.previous_filename ? { previous_filename: file.previous_filename } : {}),
  };
}

/** `commit`, as pulls.listCommits answers: `author` and `committer` are the linked GitHub users, or null. */
export function commit(ref: RepoRef, spec: { sha: string; author: string | null; committer: string | null; email?: string }, user: (login: string) => { login: string; id: number }) {
  const full = `${ref.owner}/${ref.repo}`;
  const url = `${API}/repos/${full}/commits/${spec.sha}`;
  const gitUser = (login: string | null) => ({ name: login ?? 'Unlinked', email: spec.email ?? `${login ?? 'unlinked'}@users.noreply.github.com`, date: '2026-01-01T00:00:00Z' });
  const linked = (login: string | null) => (login ? simpleUser(user(login).login, user(login).id) : null);
  return {
    url,
    sha: spec.sha,
    node_id: `C_${spec.sha.slice(0, 12)}`,
    html_url: `${WEB}/${full}/commit/${spec.sha}`,
    comments_url: `${url}/comments`,
    commit: {
      url: `${API}/repos/${full}/git/commits/${spec.sha}`,
      author: gitUser(spec.author),
      committer: gitUser(spec.committer),
      message: `Commit ${spec.sha.slice(0, 7)}`,
      comment_count: 0,
      tree: { sha: spec.sha, url: `${API}/repos/${full}/git/trees/${spec.sha}` },
      verification: { verified: false, reason: 'unsigned', payload: null, signature: null, verified_at: null },
    },
    author: linked(spec.author),
    committer: linked(spec.committer),
    parents: [],
  };
}
