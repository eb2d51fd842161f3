import { accessRows, type AccessSnapshotSubject, type EvidenceRecord, type Period } from '@evident/core';
import { accessReviewLocation } from './access-review-branch.js';
import { parseAccessReviewFile, type ReviewedAccount } from './parse-access-review-file.js';

/** The reason of the exception for an approved review file that is not the review of its period. */
export const REVIEW_FILE_MISMATCH = 'review-file-mismatch';

/** At most this many accounts are named per difference; the rest are counted. */
const NAMED = 5;
const names = (logins: readonly string[]) => `${logins.slice(0, NAMED).map((l) => `@${l}`).join(', ')}${logins.length > NAMED ? ` and ${logins.length - NAMED} more` : ''}`;

const COLUMN_NAMES: Record<Exclude<keyof ReviewedAccount, 'login'>, string> = { organization_role: 'organisation role', repositories: 'repository permissions', two_factor: 'two-factor' };

/** The accounts table against the snapshot's accounts: left out, added, listed twice, or with other roles or permissions. */
function compareAccounts(listed: readonly ReviewedAccount[], snapshot: EvidenceRecord<AccessSnapshotSubject>): string[] {
  const expected = accessRows(snapshot.subject, [], snapshot.recorded_at.slice(0, 10)).map((r): ReviewedAccount => ({ login: r.login, organization_role: r.organization_role ?? '', repositories: r.repositories.join(', '), two_factor: r.two_factor }));
  const byLogin = new Map<string, ReviewedAccount>();
  const twice: string[] = [];
  for (const row of listed) {
    const key = row.login.toLowerCase();
    if (byLogin.has(key)) twice.push(row.login);
    else byLogin.set(key, row);
  }
  const wanted = new Map(expected.map((r) => [r.login.toLowerCase(), r]));
  const out: string[] = [];
  const missing = expected.filter((r) => !byLogin.has(r.login.toLowerCase())).map((r) => r.login);
  const added = [...byLogin.values()].filter((r) => !wanted.has(r.login.toLowerCase())).map((r) => r.login);
  if (missing.length) out.push(`it leaves out ${names(missing)}, who hold${missing.length === 1 ? 's' : ''} access in the snapshot`);
  if (added.length) out.push(`it lists ${names(added)}, whom the snapshot does not hold`);
  if (twice.length) out.push(`it lists ${names(twice)} more than once`);
  for (const want of expected) {
    const row = byLogin.get(want.login.toLowerCase());
    if (!row) continue;
    for (const column of Object.keys(COLUMN_NAMES) as (keyof typeof COLUMN_NAMES)[]) {
      if (row[column] !== want[column]) out.push(`it lists @${want.login} with ${COLUMN_NAMES[column]} \`${row[column]}\`, the snapshot says \`${want[column]}\``);
    }
  }
  return out;
}

/**
 * Whether an approved review file is the review Evident renders for the period its branch names
 * (renderAccessReview), read as data that may have been copied or edited: its path is the period's
 * (`access-reviews/<period>.md`); it states that period (title and dates); the access-snapshot record
 * it names (id and hash) is among `snapshots`, the access-snapshot records of the evidence branch,
 * and was not taken before the period starts; and its accounts table lists exactly that snapshot's
 * accounts with their organisation role, repository permissions and two-factor status. Other text
 * (the roster columns, notes, a column of decisions) is the reviewer's to edit. Returns every
 * difference, empty when the file is consistent. The collector (decideAccessReview) and the
 * cross-check (checkAccessReviewApproval) both decide with it. Pure.
 */
export function reviewFileMismatches(period: Period, file: { path: string; text: string }, snapshots: readonly EvidenceRecord[]): string[] {
  const expectedPath = accessReviewLocation(period).path;
  if (file.path !== expectedPath) return [`\`${file.path}\` is not the review file of ${period.label}, expected \`${expectedPath}\``];
  const parsed = parseAccessReviewFile(file.text);
  const out: string[] = [];
  if (parsed.title !== period.label) out.push(parsed.title === null ? `it has no title \`# Access review ${period.label}\`` : `its title names period \`${parsed.title}\`, not \`${period.label}\``);
  const p = parsed.period;
  if (!p) out.push(`it states no period, expected **${period.label}** (${period.start} to ${period.end})`);
  else if (p.label !== period.label || p.start !== period.start || p.end !== period.end) out.push(`it states the period **${p.label}** (${p.start} to ${p.end}), not **${period.label}** (${period.start} to ${period.end})`);
  if (!parsed.snapshot) return [...out, 'it names no access-snapshot record (evidence record `…` with its hash)'];
  const { id, hash } = parsed.snapshot;
  const snapshot = snapshots.find((r) => r.kind === 'access-snapshot' && r.id === id && r.hash === hash) as EvidenceRecord<AccessSnapshotSubject> | undefined;
  if (!snapshot) return [...out, `it names access-snapshot record \`${id}\` with hash \`${hash.slice(0, 12)}…\`, which the evidence branch does not hold`];
  const taken = String(snapshot.recorded_at).slice(0, 10);
  if (taken < period.start) out.push(`it names the access snapshot of ${taken} (\`${id}\`), taken before ${period.label} starts on ${period.start}`);
  if (parsed.accountsProblem) out.push(parsed.accountsProblem);
  else if (parsed.accounts === null) out.push('it has no `## Accounts` section');
  else {
    let differences: string[];
    try {
      differences = compareAccounts(parsed.accounts, snapshot);
    } catch {
      // A record is data that may be malformed: one whose accounts cannot be listed is no snapshot to review.
      differences = [`access-snapshot record \`${id}\` is not a snapshot whose accounts can be listed`];
    }
    out.push(...differences);
  }
  return out;
}
