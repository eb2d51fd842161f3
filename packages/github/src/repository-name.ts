/** OWNER/NAME of a GitHub repository. */
export interface RepositoryName {
  owner: string;
  repo: string;
}

const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9_.-]{1,100})$/;

/** Parse `OWNER/NAME`; undefined when it is not one. */
export function parseRepositoryName(text: string): RepositoryName | undefined {
  const match = NAME.exec(text.trim());
  if (!match || match[2] === '.' || match[2] === '..') return undefined;
  return { owner: match[1]!, repo: match[2]! };
}

export function formatRepositoryName(name: RepositoryName): string {
  return `${name.owner}/${name.repo}`;
}
