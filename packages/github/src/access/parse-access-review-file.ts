/** One row of a review file's accounts table: the columns that come from the access snapshot alone. */
export interface ReviewedAccount {
  /** The account's login, without the `@`. */
  login: string;
  organization_role: string;
  /** `OWNER/NAME: permission`, comma-separated, as rendered. */
  repositories: string;
  two_factor: string;
}

/** What an access review file states about itself, read back from its Markdown (renderAccessReview). */
export interface ParsedAccessReviewFile {
  /** The label of its title, `# Access review <label>`; null without one. */
  title: string | null;
  /** The period of its opening sentence, `**<label>** (<start> to <end>)`; null without one. */
  period: { label: string; start: string; end: string } | null;
  /** The access-snapshot record it names: evidence record `<id>` (`<file>`, hash `<hash>`); null without one. */
  snapshot: { id: string; hash: string } | null;
  /** The rows of its `## Accounts` table (none when the section holds no table); null without the section. */
  accounts: ReviewedAccount[] | null;
  /** Why the accounts table cannot be read, when it cannot (a column left out). */
  accountsProblem?: string;
}

/** The columns of the accounts table the snapshot decides; other columns (person, roles, a reviewer's decision) may differ. */
const COLUMNS = { login: 'Account', organization_role: 'Organisation role', repositories: 'Repository permissions', two_factor: 'Two-factor' } as const;

/** The cells of a Markdown table row, with the renderer's escapes (`\|`, `\\`) undone and spaces trimmed. */
function cells(line: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) current += line[++i];
    else if (c === '|') {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  const trimmed = out.map((c) => c.trim());
  // `| a | b |`: nothing before the first pipe and after the last one.
  if (trimmed[0] === '') trimmed.shift();
  if (trimmed[trimmed.length - 1] === '') trimmed.pop();
  return trimmed;
}

const isSeparator = (row: string[]) => row.length > 0 && row.every((c) => /^:?-{3,}:?$/.test(c));

function readAccounts(lines: readonly string[]): Pick<ParsedAccessReviewFile, 'accounts' | 'accountsProblem'> {
  const at = lines.findIndex((l) => /^##\s+Accounts\b/.test(l.trim()));
  if (at < 0) return { accounts: null };
  let i = at + 1;
  while (i < lines.length && lines[i]!.trim() === '') i += 1;
  if (i >= lines.length || !lines[i]!.trim().startsWith('|')) return { accounts: [] };
  const header = cells(lines[i]!.trim());
  const index = Object.fromEntries(Object.entries(COLUMNS).map(([key, name]) => [key, header.indexOf(name)])) as Record<keyof typeof COLUMNS, number>;
  const absent = (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).filter((k) => index[k] < 0).map((k) => `\`${COLUMNS[k]}\``);
  if (absent.length) return { accounts: [], accountsProblem: `its accounts table has no ${absent.join(', ')} column` };
  const accounts: ReviewedAccount[] = [];
  for (i += 1; i < lines.length && lines[i]!.trim().startsWith('|'); i += 1) {
    const row = cells(lines[i]!.trim());
    if (isSeparator(row)) continue;
    const at = (k: keyof typeof COLUMNS) => row[index[k]] ?? '';
    accounts.push({ login: at('login').replace(/^@/, ''), organization_role: at('organization_role'), repositories: at('repositories'), two_factor: at('two_factor') });
  }
  return { accounts };
}

/**
 * Read back what an access review file states: the period of its title and opening sentence, the
 * access-snapshot record it names, and the accounts of its table (the columns the snapshot alone
 * decides, found by their header, so a column the reviewer adds is allowed). Pure.
 */
export function parseAccessReviewFile(text: string): ParsedAccessReviewFile {
  const lines = text.split(/\r?\n/);
  const title = lines.map((l) => /^#\s+Access review\s+(\S+)\s*$/.exec(l)).find(Boolean)?.[1] ?? null;
  const period = /\*\*([^*\s]+)\*\*\s+\((\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})\)/.exec(text);
  const snapshot = /evidence record `([^`]+)` \(`[^`]*`, hash `([0-9a-f]{64})`\)/.exec(text);
  return {
    title,
    period: period ? { label: period[1]!, start: period[2]!, end: period[3]! } : null,
    snapshot: snapshot ? { id: snapshot[1]!, hash: snapshot[2]! } : null,
    ...readAccounts(lines),
  };
}
