import { describe, expect, it } from '@jest/globals';
import { parsePeriod, sealRecord, type AccessSnapshotSubject, type EvidenceRecord, type Person } from '@evident/core';
import { parseAccessReviewFile } from './parse-access-review-file.js';
import { renderAccessReview } from './render-access-review.js';
import { reviewFileMismatches } from './review-file-mismatches.js';

const Q2 = parsePeriod('2026-Q2')!;
const Q3 = parsePeriod('2026-Q3')!;
const person = (id: string, github: string, end_date?: string): Person => ({ id, name: id, github, email: `${id}@example.com`, roles: ['engineer'], start_date: '2025-01-01', ...(end_date ? { end_date } : {}) });
const people = [person('ada', 'ada-gh'), person('grace', 'grace-gh'), person('linus', 'linus-gh', '2026-06-30')];
const control = { id: 'AC-08', title: 'Access review', owner: 'security' };

/** An access-snapshot record as the collector seals it: members, an outside collaborator and repository permissions. */
function snapshot(date: string, members: [string, 'admin' | 'member'][], previous?: EvidenceRecord): EvidenceRecord<AccessSnapshotSubject> {
  const subject: AccessSnapshotSubject = {
    organization: 'acme',
    two_factor_requirement_enabled: true,
    members: members.map(([login, role]) => ({ login, role, two_factor_disabled: false })),
    outside_collaborators: ['contractor-x'],
    teams: [],
    pending_invitations: [],
    repositories: [{ repository: 'acme/program', collaborators: [{ login: 'ada-gh', permission: 'admin' }, { login: 'contractor-x', permission: 'write' }], deploy_keys: [] }],
    limitations: [],
  };
  const at = `${date}T06:00:00Z`;
  return sealRecord({ schema_version: 1, id: `access-snapshot/acme/${date}`, kind: 'access-snapshot', repository: 'acme/program', recorded_at: at, subject, provenance: { tool: 'evident', tool_version: '0.1.0', fetched_at: at, api_calls: [] } }, previous);
}

const may = snapshot('2026-05-04', [['ada-gh', 'admin'], ['grace-gh', 'member']]);
const august = snapshot('2026-08-03', [['ada-gh', 'admin'], ['grace-gh', 'member'], ['linus-gh', 'member']], may);
const branch = [may, august];
const render = (period = Q3, snap = august) => renderAccessReview({ period, control, snapshot: snap, people });
const file = (text: string, path = 'access-reviews/2026-Q3.md') => ({ path, text });

describe('reviewFileMismatches', () => {
  it('finds nothing in the review Evident renders for the period, nor after the reviewer edits what is theirs to edit', () => {
    expect(reviewFileMismatches(Q3, file(render()), branch)).toEqual([]);
    // A column of decisions, a note, the roster columns rewritten, the table re-padded: the accounts and roles are the snapshot's.
    const edited = render()
      .replace('| Account | Person | Roles | Organisation role | Repository permissions | Two-factor |', '| Account | Person | Roles | Organisation role | Repository permissions | Two-factor | Decision |')
      .replace('| --- | --- | --- | --- | --- | --- |', '|---|---|---|---|---|---|---|')
      .replace(/^(\| @linus-gh .*)$/m, '$1 remove (left in June) |')
      .replace(/^(\| @(?:ada|grace)-gh .*)$/gm, '$1 keep |')
      .replace(/^(\| @contractor-x .*)$/m, '$1 keep \\| contract until 2027 |')
      .replace('## Accounts', 'Reviewed with HR on 2026-08-05.\n\n## Accounts');
    expect(edited).not.toBe(render());
    expect(parseAccessReviewFile(edited).accounts!.map((a) => a.login)).toEqual(['ada-gh', 'contractor-x', 'grace-gh', 'linus-gh']);
    expect(reviewFileMismatches(Q3, file(edited), branch)).toEqual([]);
  });

  it('reads back the period, the snapshot and the accounts the renderer writes', () => {
    expect(parseAccessReviewFile(render())).toEqual({
      title: '2026-Q3',
      period: { label: '2026-Q3', start: '2026-07-01', end: '2026-09-30' },
      snapshot: { id: 'access-snapshot/acme/2026-08-03', hash: august.hash },
      accounts: [
        { login: 'ada-gh', organization_role: 'admin', repositories: 'acme/program: admin', two_factor: 'enabled' },
        { login: 'contractor-x', organization_role: 'outside collaborator', repositories: 'acme/program: write', two_factor: '' },
        { login: 'grace-gh', organization_role: 'member', repositories: '', two_factor: 'enabled' },
        { login: 'linus-gh', organization_role: 'member', repositories: '', two_factor: 'enabled' },
      ],
    });
  });

  it('names a file at another path than the period names', () => {
    expect(reviewFileMismatches(Q3, file(render(), 'access-reviews/2026-Q3-final.md'), branch)).toEqual(['`access-reviews/2026-Q3-final.md` is not the review file of 2026-Q3, expected `access-reviews/2026-Q3.md`']);
    expect(reviewFileMismatches(Q2, file(render(Q2), 'access-reviews/2026-Q3.md'), branch)).toEqual(['`access-reviews/2026-Q3.md` is not the review file of 2026-Q2, expected `access-reviews/2026-Q2.md`']);
  });

  it("names a file copied from another period: its title and dates, and a snapshot taken before the period", () => {
    // Q3's review pushed as Q2's, which lacked one.
    expect(reviewFileMismatches(Q2, file(render(Q3), 'access-reviews/2026-Q2.md'), branch)).toEqual([
      'its title names period `2026-Q3`, not `2026-Q2`',
      'it states the period **2026-Q3** (2026-07-01 to 2026-09-30), not **2026-Q2** (2026-04-01 to 2026-06-30)',
    ]);
    // Q2's review, retitled as Q3's: the snapshot it reviews was taken before Q3.
    const retitled = render(Q2, may).replaceAll('2026-Q2', '2026-Q3').replace('2026-04-01 to 2026-06-30', '2026-07-01 to 2026-09-30');
    expect(reviewFileMismatches(Q3, file(retitled), branch)).toEqual(['it names the access snapshot of 2026-05-04 (`access-snapshot/acme/2026-05-04`), taken before 2026-Q3 starts on 2026-07-01']);
  });

  it('names accounts left out, added or listed twice, and roles, permissions or two-factor other than the snapshot holds', () => {
    const without = render().replace(/^\| @linus-gh .*\n/m, '');
    expect(reviewFileMismatches(Q3, file(without), branch)).toEqual(['it leaves out @linus-gh, who holds access in the snapshot']);
    const added = render().replace(/^(\| @linus-gh .*)$/m, '$1\n| @mallory | not on the roster |  | member |  | enabled |');
    expect(reviewFileMismatches(Q3, file(added), branch)).toEqual(['it lists @mallory, whom the snapshot does not hold']);
    const twice = render().replace(/^(\| @linus-gh .*)$/m, '$1\n$1');
    expect(reviewFileMismatches(Q3, file(twice), branch)).toEqual(['it lists @linus-gh more than once']);
    const demoted = render().replace(/^\| @ada-gh \| (.*) \| admin \| acme\/program: admin \| enabled \|$/m, '| @ada-gh | $1 | member | acme/program: read | disabled |');
    expect(reviewFileMismatches(Q3, file(demoted), branch)).toEqual([
      'it lists @ada-gh with organisation role `member`, the snapshot says `admin`',
      'it lists @ada-gh with repository permissions `acme/program: read`, the snapshot says `acme/program: admin`',
      'it lists @ada-gh with two-factor `disabled`, the snapshot says `enabled`',
    ]);
    const noColumn = render().replace('| Two-factor |', '| 2FA |');
    expect(reviewFileMismatches(Q3, file(noColumn), branch)).toEqual(['its accounts table has no `Two-factor` column']);
    expect(reviewFileMismatches(Q3, file(render().replace(/## Accounts[\s\S]*$/, '')), branch)).toEqual(['it has no `## Accounts` section']);
  });

  it('names a snapshot the evidence branch does not hold, under its id or its hash, and a file that names none', () => {
    expect(reviewFileMismatches(Q3, file(render()), [may])).toEqual([`it names access-snapshot record \`access-snapshot/acme/2026-08-03\` with hash \`${august.hash.slice(0, 12)}…\`, which the evidence branch does not hold`]);
    const rehashed = render().replace(august.hash, 'f'.repeat(64));
    expect(reviewFileMismatches(Q3, file(rehashed), branch)).toEqual(['it names access-snapshot record `access-snapshot/acme/2026-08-03` with hash `ffffffffffff…`, which the evidence branch does not hold']);
    expect(reviewFileMismatches(Q3, file('# Access review 2026-Q3\n\nReview of **2026-Q3** (2026-07-01 to 2026-09-30).\n\nEvery account is explained.\n'), branch)).toEqual(['it names no access-snapshot record (evidence record `…` with its hash)']);
    const malformed = { ...august, subject: { members: 'everyone' } } as unknown as EvidenceRecord;
    expect(reviewFileMismatches(Q3, file(render()), [may, malformed])).toEqual(['access-snapshot record `access-snapshot/acme/2026-08-03` is not a snapshot whose accounts can be listed']);
  });
});
