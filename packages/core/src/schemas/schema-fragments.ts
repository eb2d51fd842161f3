/** Pieces the evidence-record and population-subject schemas share. */
export const sha256 = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256, lowercase hex.' };
export const gitSha = { type: 'string', pattern: '^[0-9a-f]{40}([0-9a-f]{24})?$', description: 'A git object id (SHA-1, or SHA-256 repositories).' };
export const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });
export const date = { type: 'string', format: 'date' };
export const dateTime = { type: 'string', format: 'date-time' };
export const login = { type: 'string', minLength: 1, maxLength: 100, description: 'GitHub login.' };

/** The fields every recorded pull request has, in this order. */
export const pullRequestRequired = ['number', 'url', 'title', 'author', 'head_sha', 'merge_commit_sha', 'merged_at', 'merged_by'];
export const pullRequestProperties = {
  number: { type: 'integer', minimum: 1 },
  url: { type: 'string', format: 'uri' },
  title: { type: 'string' },
  author: login,
  head_sha: gitSha,
  merge_commit_sha: nullable(gitSha),
  merged_at: nullable(dateTime),
  merged_by: nullable(login),
};
