/** Pieces the schemas share. */
export const sha256 = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256, lowercase hex.' };
export const gitSha = { type: 'string', pattern: '^[0-9a-f]{40}([0-9a-f]{24})?$', description: 'A git object id (SHA-1, or SHA-256 repositories).' };
export const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });
export const date = { type: 'string', format: 'date' };
export const dateTime = { type: 'string', format: 'date-time' };
/**
 * A date (YYYY-MM-DD) or a date and time with seconds and a time zone (2026-07-14T09:30:00Z):
 * the pattern gives the shape, the formats that the day and the time exist (no 2026-02-30, no 25:00).
 */
export const dateOrDateTime = (description: string) => ({
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2}))?$',
  if: { pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
  then: { format: 'date' },
  else: { format: 'date-time' },
  description,
});
/**
 * A GitHub login: 1 to 39 ASCII letters, digits and single hyphens, neither first nor last, and a
 * GitHub App's bot account ends in `[bot]`. ASCII only, so no look-alike letter (the Kelvin sign
 * U+212A for `K`) passes for another account.
 */
export const login = {
  type: 'string',
  minLength: 1,
  maxLength: 44,
  pattern: '^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:\\[bot\\])?$',
  description: 'GitHub login: 1 to 39 ASCII letters, digits and single hyphens (not first or last), with `[bot]` after a bot account.',
};

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
