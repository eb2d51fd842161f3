import { accessRows, reconcileAccess, recordFileName, type AccessFindingReason, type AccessSnapshotSubject, type Control, type EvidenceRecord, type Period, type Person } from '@evident/core';

export interface AccessReviewInput {
  period: Period;
  /** The access-review control (evident.yaml `access.review_control`). */
  control: Pick<Control, 'id' | 'title' | 'owner'>;
  /** The access-snapshot record the review lists. */
  snapshot: EvidenceRecord<AccessSnapshotSubject>;
  people: readonly Person[];
  /** evident.yaml `access.admin_roles`: without them admins are not reconciled. */
  adminRoles?: readonly string[];
}

const FINDING_TITLES: Record<AccessFindingReason, string> = {
  'leaver-with-access': 'Leaver still holding access',
  'unknown-account': 'Account nobody on the roster owns',
  'unjustified-admin': 'Admin without an admin role',
  'no-two-factor': 'No two-factor authentication',
};

/** A table cell: pipes and line breaks would end the cell or the row. */
const cell = (text: string) => (text === '' ? ' ' : text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' '));
const row = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;

/**
 * The review file of an access review pull request (`access-reviews/<period>.md`): every account of
 * the snapshot with its roster standing, roles and permissions, and what the roster does not
 * explain. It names the snapshot record (id and hash) and states the period, which the collector
 * checks the approved file against (reviewFileMismatches). Deterministic: the same snapshot, roster
 * and period give the same bytes, so asking again commits nothing. Pure.
 */
export function renderAccessReview(input: AccessReviewInput): string {
  const { period, control, snapshot } = input;
  const subject = snapshot.subject;
  const on = snapshot.recorded_at.slice(0, 10);
  const rows = accessRows(subject, input.people, on);
  const findings = reconcileAccess(subject, input.people, { on, ...(input.adminRoles ? { adminRoles: input.adminRoles } : {}) });
  const roles = new Map(input.people.map((p) => [p.id, p.roles]));
  const scope = subject.organization ? `organisation \`${subject.organization}\`` : `\`${snapshot.repository}\``;
  const lines = [
    `# Access review ${period.label}`,
    '',
    `Review of who holds access on GitHub for **${period.label}** (${period.start} to ${period.end}), for control **${control.id}** (${control.title}), owned by \`${control.owner}\`.`,
    '',
    `The list comes from the access snapshot of ${scope} taken on ${on}: evidence record \`${snapshot.id}\` (\`${recordFileName(snapshot)}\`, hash \`${snapshot.hash}\`), reconciled with the roster.`,
    '',
    `**To sign off**, the owner of ${control.id} checks every account below, has access removed or the roster corrected where needed, and approves this pull request. The approval at the final commit is recorded on the evidence branch as the sign-off of this review, bound to the SHA-256 of this file.`,
    '',
    'Notes, and a column of decisions in the accounts table, may be added. The period, the snapshot named above and the accounts with their organisation role, repository permissions and two-factor status must stay as they are: otherwise the approval is recorded as a `review-file-mismatch` exception, not as the sign-off of this period.',
    '',
    `## Findings (${findings.length})`,
    '',
    ...(findings.length === 0
      ? ['The roster explains every account: no leaver, no unknown account, no unjustified admin, no member without two-factor authentication.']
      : [row(['Finding', 'Account', 'Person', 'Detail']), row(['---', '---', '---', '---']), ...findings.map((f) => row([FINDING_TITLES[f.reason], `@${f.login}`, f.person ?? 'not on the roster', f.detail]))]),
    '',
    `## Accounts (${rows.length})`,
    '',
    ...(rows.length === 0
      ? ['The snapshot lists no account with access.']
      : [
          row(['Account', 'Person', 'Roles', 'Organisation role', 'Repository permissions', 'Two-factor']),
          row(['---', '---', '---', '---', '---', '---']),
          ...rows.map((r) =>
            row([
              `@${r.login}`,
              r.person ? `${r.name} (${r.person})${r.roster === 'active' ? '' : `, ${r.roster}`}` : r.roster,
              r.person ? (roles.get(r.person) ?? []).join(', ') : '',
              r.organization_role ?? '',
              r.repositories.join(', '),
              r.two_factor,
            ]),
          ),
        ]),
    ...(subject.limitations.length === 0 ? [] : ['', '## Limitations', '', 'What the token could not read when the snapshot was taken (not reviewed here):', '', ...subject.limitations.map((l) => `- ${l.detail}`)]),
    '',
  ];
  return lines.join('\n');
}
