import { recordFileName, sealRecord, sha256Hex, type EvidenceRecord, type UnsealedRecord } from '@evident/core';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createFixtureRepository, evidenceRecords, type FixtureRepository } from './fixture-repository.js';

/** The day the fieldwork repository's last commit is dated: every occurrence of its period is past due. */
export const FIELDWORK_DAY = '2026-07-20';

const systemDescription = `  services:
    - name: Fixture planning
      description: Hosted planning service for small teams.
  boundary: Customer devices and networks are outside the boundary.
  data_categories:
    - name: Customer content
      description: Plans and files customers upload.
      systems: [Fixture production]
  subservice_organizations:
    - name: Fixture Hosting
      services: Data centres and managed databases.
      method: carve-out
      report: SOC 2 Type II, reviewed yearly
      controls:
        - description: Physical access to data centres is restricted.
          criteria: [CC6.4]
        - description: Managed databases are backed up.
          criteria: [A1.2]
  user_entity_controls:
    - description: Customers review who in their organisation has access.
      criteria: [CC6.2]
`;

const control = (id: string, title: string, criteria: string[], frequency: string, extra = '') => `---
id: ${id}
title: ${title}
owner: alice-admin
criteria: [${criteria.join(', ')}]
policies: [security]
status: operating
frequency: ${frequency}
evidence:
  - description: Record of the ${title.toLowerCase()}
    collection: manual
    source: Internal tooling
---

# ${title}

## Description

${extra || `Text of the ${title.toLowerCase()}.`}

## Test procedure

Inspect the records.
`;

const incidentPolicy = `---
id: incident-response
title: Incident Response Policy
version: "1.0"
status: approved
owner: alice-admin
approvers: [bob-builder]
effective_date: 2026-01-01
review:
  cadence: annually
  last_reviewed: 2025-12-15
  next_review: 2026-12-15
criteria: [CC7.3, A1.2]
---

# Incident Response Policy

## Purpose

Report incidents to <insert email address here> within one hour.

## Scope

Every system of {{organization.name}}.

## Policy

Incidents are triaged by severity.

## Roles and Responsibilities

The security officer leads the response.

## Exceptions

None.

## Enforcement

Violations lead to disciplinary action.
`;

const metadata = (controls: string[], covers: string, sha256: string, extra = '') => `controls: [${controls.join(', ')}]
covers: ${covers}
collected_at: 2026-07-01
collected_by: alice-admin
source: Internal tooling
sha256: ${sha256}
${extra}`;

/**
 * A realistic Type II repository for fieldwork views: the fixture repository plus a weekly control met
 * by one half-year export (and one weekly record), a monthly control missing two months (one answered),
 * an event-driven control, a policy with an approved `<placeholder>`, criteria out of scope, a leaver
 * employed past an acknowledgment's due date, a policy change merged without its required approvals,
 * a change population with an unapproved and a bypassing merge, and a system description. Its last
 * commit is dated FIELDWORK_DAY, so the bundle assesses gaps on that day. Deterministic.
 */
export async function createFieldworkRepository(): Promise<FixtureRepository & { records: EvidenceRecord[] }> {
  const fixture = await createFixtureRepository();
  const { root, git } = fixture;
  const write = async (file: string, content: string | Buffer) => {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  };
  const evidence = async (file: string, controls: string[], covers: string, extra = '') => {
    const bytes = Buffer.from(`evidence for ${controls.join(' ')} covering ${covers}\n`);
    await write(file, bytes);
    await write(`${file}.evidence.yaml`, metadata(controls, covers, sha256Hex(bytes), extra));
  };
  const config = await readFile(path.join(root, 'evident.yaml'), 'utf8');
  await write('evident.yaml', config.replace('  commitments:\n', `${systemDescription}  commitments:\n`).replace('      components: [web app, database]\n', '      components: [web app, database]\n      owner: alice-admin\n').replace('evidence:\n  branch: evidence\n', 'teams:\n  - id: security\n    name: Security\n    members: [alice-admin, bob-builder]\n    responsibilities: The security program and its reviews.\nevidence:\n  branch: evidence\n'));
  const people = await readFile(path.join(root, 'people.yaml'), 'utf8');
  await write('people.yaml', `${people}  - id: carol-leaver\n    name: Carol Leaver\n    github: carol-gh\n    email: carol@example.com\n    roles: [engineer]\n    start_date: 2024-01-01\n    end_date: 2026-05-01\n`);
  await write('policies/incident-response.md', incidentPolicy);
  await write('controls/LOG-01.md', control('LOG-01', 'Weekly log review', ['CC7.2'], 'weekly'));
  await write('controls/AV-01.md', control('AV-01', 'Monthly availability review', ['CC7.1', 'A1.2'], 'monthly'));
  await write('controls/HR-01.md', control('HR-01', 'Background checks', ['CC1.4'], 'event'));
  await evidence('evidence/LOG-01/2026-H1/log-review-export.csv', ['LOG-01'], '2026-01-01..2026-06-30');
  await evidence('evidence/LOG-01/2026-W10/log-review.csv', ['LOG-01'], '2026-W10');
  for (const month of ['01', '02', '03', '04']) await evidence(`evidence/AV-01/2026-${month}/availability.csv`, ['AV-01'], `2026-${month}`);
  await evidence('evidence/HR-01/2026-H1/hires.csv', ['HR-01'], '2026-01-01..2026-06-30', 'events:\n  - { id: hire-2026-001, date: 2026-02-02 }\n  - { id: hire-2026-002, date: 2026-05-04 }\n');
  await evidence('evidence/HR-01/2026-02-02/background-check.pdf', ['HR-01'], '2026-02-02', 'event: hire-2026-001\n');
  await write('exceptions/missing-evidence_AV-01_2026-06.yaml', 'response: The June review was held on 2026-07-03 and filed late; the reminder now fires a week ahead.\nowner: alice-admin\ntarget_date: 2026-08-31\n');
  await git.add('.');
  await git.env({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root, GIT_AUTHOR_DATE: `${FIELDWORK_DAY}T09:00:00Z`, GIT_COMMITTER_DATE: `${FIELDWORK_DAY}T09:00:00Z` }).commit('Operate the controls of the first half (#9)');
  const head = (await git.revparse(['HEAD'])).trim();
  const incidentSha = sha256Hex(Buffer.from(incidentPolicy));

  const records = evidenceRecords((await git.revparse(['HEAD~1'])).trim(), fixture.accessControlSha256);
  const provenance = { tool: 'evident' as const, tool_version: '0.1.0', fetched_at: '2026-07-01T10:05:00Z', api_calls: [] };
  const pr = (number: number, merged_at: string, title: string) => ({ number, url: `https://github.com/fixture/program/pull/${number}`, title, author: 'bob-gh', head_sha: head, merge_commit_sha: head, merged_at, merged_by: 'bob-gh' });
  const review = (reviewer: string, person: string, id: number, at: string) => ({ reviewer, person, review_id: id, state: 'APPROVED', submitted_at: at, commit_id: head });
  const entry = (number: number, day: string, title: string, extra: Record<string, unknown>) => ({ ...pr(number, `${day}T12:00:00Z`, title), base: 'main', author_person: 'bob-builder', reviews: [], approved_by: [], merged_without_approval: false, ...extra });
  const more: UnsealedRecord[] = [
    { schema_version: 1, id: 'policy-approval/fixture/program/4', kind: 'policy-approval', repository: 'fixture/program', recorded_at: '2026-04-01T10:05:00Z', subject: { pull_request: pr(4, '2026-04-01T10:00:00Z', 'Incident response policy'), policies: [{ id: 'incident-response', version: '1.0', path: 'policies/incident-response.md', commit: head, sha256: incidentSha, change: 'added', required_approvers: ['bob-builder'], approvals: [review('bob-gh', 'bob-builder', 41, '2026-04-01T09:00:00Z')], approved: true }] }, provenance },
    { schema_version: 1, id: 'policy-approval/fixture/program/7', kind: 'policy-approval', repository: 'fixture/program', recorded_at: '2026-04-10T10:05:00Z', subject: { pull_request: pr(7, '2026-04-10T10:00:00Z', 'Reword the security policy'), policies: [{ id: 'security', version: '1.1', path: 'policies/security.md', commit: head, sha256: 'e'.repeat(64), change: 'modified', required_approvers: ['bob-builder'], approvals: [], approved: false }] }, provenance },
    { schema_version: 1, id: 'change-population/fixture/program/2026-H1', kind: 'change-population', repository: 'fixture/program', recorded_at: '2026-07-01T10:05:00Z', subject: { period: { start: '2026-01-01', end: '2026-06-30' }, pull_requests: [entry(5, '2026-02-10', 'Tune alerts', { approved_by: ['alice-gh'] }), entry(6, '2026-03-12', 'Hotfix without review', { merged_without_approval: true }), entry(8, '2026-05-20', 'Emergency change', { approved_by: ['alice-gh'], bypass: { bypassed: true, reasons: ['required status check `ci` did not pass'] } })], totals: { merged: 3, merged_without_approval: 1 } }, provenance },
  ];
  for (const record of more) records.push(sealRecord(record, records.at(-1)));
  await git.raw(['checkout', '--quiet', 'evidence']);
  for (const record of records.slice(-more.length)) await write(recordFileName(record), `${JSON.stringify(record, null, 2)}\n`);
  await git.add('records');
  await git.commit('Record the first half');
  await git.raw(['checkout', '--quiet', 'main']);
  return { ...fixture, records };
}
