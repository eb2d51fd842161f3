/**
 * Builders of GitHub REST objects about users, the repository, refs and contents, as the API
 * serves them: every required field of the official schemas is present, so the fake server's
 * responses validate against them.
 */
export const API = 'https://api.github.com';
export const WEB = 'https://github.com';
const TIME = '2026-01-01T00:00:00Z';

export interface RepoRef {
  owner: string;
  repo: string;
  id: number;
  ownerId: number;
  defaultBranch: string;
}

export function simpleUser(login: string, id: number) {
  // As GitHub does: `github-actions%5Bbot%5D`, so a bot's URLs are URIs.
  const url = `${API}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `${WEB}/${encodeURIComponent(login)}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: 'User',
    site_admin: false,
  };
}

export function repository(ref: RepoRef) {
  const full = `${ref.owner}/${ref.repo}`;
  const url = `${API}/repos/${full}`;
  return {
    id: ref.id,
    node_id: `R_${ref.id}`,
    name: ref.repo,
    full_name: full,
    owner: simpleUser(ref.owner, ref.ownerId),
    private: true,
    html_url: `${WEB}/${full}`,
    description: 'Compliance program',
    fork: false,
    url,
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_url: `git://github.com/${full}.git`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    ssh_url: `git@github.com:${full}.git`,
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
    clone_url: `${WEB}/${full}.git`,
    mirror_url: null,
    hooks_url: `${url}/hooks`,
    svn_url: `${WEB}/${full}`,
    homepage: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 10,
    default_branch: ref.defaultBranch,
    open_issues_count: 0,
    open_issues: 0,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    license: null,
    pushed_at: TIME,
    created_at: TIME,
    updated_at: TIME,
  };
}

export function fullRepository(ref: RepoRef) {
  return { ...repository(ref), network_count: 0, subscribers_count: 1 };
}

export function collaboratorPermission(login: string, id: number, permission: string, roleName: string) {
  return { permission, role_name: roleName, user: { ...simpleUser(login, id), role_name: roleName, permissions: { pull: true, triage: permission !== 'read', push: permission === 'write' || permission === 'admin', maintain: permission === 'admin', admin: permission === 'admin' } } };
}

export function gitRef(ref: RepoRef, name: string, sha: string) {
  const full = `${ref.owner}/${ref.repo}`;
  return { ref: `refs/${name}`, node_id: `REF_${sha.slice(0, 8)}`, url: `${API}/repos/${full}/git/refs/${name}`, object: { type: 'commit', sha, url: `${API}/repos/${full}/git/commits/${sha}` } };
}

export function contentFile(ref: RepoRef, filePath: string, bytes: Buffer, blobSha: string, at: string) {
  const full = `${ref.owner}/${ref.repo}`;
  const url = `${API}/repos/${full}/contents/${encodeURI(filePath)}?ref=${encodeURIComponent(at)}`;
  const git = `${API}/repos/${full}/git/blobs/${blobSha}`;
  const html = `${WEB}/${full}/blob/${encodeURIComponent(at)}/${encodeURI(filePath)}`;
  return {
    type: 'file',
    encoding: 'base64',
    size: bytes.length,
    name: filePath.split('/').pop()!,
    path: filePath,
    content: bytes.toString('base64').replace(/.{60}/g, '$&\n'),
    sha: blobSha,
    url,
    git_url: git,
    html_url: html,
    download_url: `https://raw.githubusercontent.com/${full}/${encodeURIComponent(at)}/${encodeURI(filePath)}`,
    _links: { self: url, git, html },
  };
}

export function fileCommit(ref: RepoRef, filePath: string, size: number, blobSha: string, commitSha: string, parentSha: string, message: string) {
  const full = `${ref.owner}/${ref.repo}`;
  const person = { name: 'Evident', email: 'evident@example.com', date: TIME };
  return {
    content: { name: filePath.split('/').pop()!, path: filePath, sha: blobSha, size, url: `${API}/repos/${full}/contents/${encodeURI(filePath)}`, type: 'file' },
    commit: {
      sha: commitSha,
      node_id: `C_${commitSha.slice(0, 8)}`,
      url: `${API}/repos/${full}/git/commits/${commitSha}`,
      html_url: `${WEB}/${full}/commit/${commitSha}`,
      author: person,
      committer: person,
      message,
      tree: { sha: blobSha, url: `${API}/repos/${full}/git/trees/${blobSha}` },
      parents: [{ sha: parentSha, url: `${API}/repos/${full}/git/commits/${parentSha}`, html_url: `${WEB}/${full}/commit/${parentSha}` }],
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    },
  };
}

export function basicError(message: string, status: number) {
  return { message, documentation_url: 'https://docs.github.com/rest', status: String(status) };
}
