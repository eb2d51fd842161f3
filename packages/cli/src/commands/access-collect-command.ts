import { reconcileAccess, toIsoDate, type AccessSnapshotSubject } from '@evident/core';
import type { Command } from '../command.js';
import { formatOption, pickFormat, rootOption } from '../common-options.js';
import { ExitCode } from '../exit-codes.js';
import { collectDryRunOption, GITHUB_ENVIRONMENT_HELP, remoteOption, repoOption } from '../github-session.js';
import { writeJson } from '../write-json.js';
import { runCollection } from './run-collection.js';
import { counted } from '../counted.js';

const formats = ['text', 'json'] as const;

export const accessCollectCommand: Command = {
  name: 'access collect',
  summary: "Record who holds access on GitHub (members, roles, outside collaborators, teams, invitations, two-factor, repository permissions, deploy keys) on the evidence branch, and reconcile it with the roster.",
  usage: 'evident access collect [--repo OWNER/NAME] [--org NAME] [--root DIR] [--remote NAME] [--dry-run] [--strict] [--format text|json]',
  options: {
    repo: { ...repoOption, description: 'Repository to snapshot (default: evident.yaml `evidence.repositories`, else GITHUB_REPOSITORY).' },
    org: { type: 'string', value: 'NAME', description: 'Organisation (default: evident.yaml `access.organization`, else the owner of the first repository).' },
    root: rootOption,
    remote: remoteOption,
    'dry-run': collectDryRunOption,
    strict: { type: 'boolean', description: 'Exit 1 when the snapshot holds an account the roster does not explain.' },
    format: formatOption(formats),
  },
  details: [
    'Needs a token that can read the organisation: a GitHub App or fine-grained token with organisation `Members: read` and repository `Administration: read` (docs/github-setup.md). The workflow GITHUB_TOKEN cannot read organisation membership.',
    'What the token may not read is recorded as a limitation ("two-factor status not visible to this token"), never as an empty list. One snapshot per day: running again the same day adds nothing.',
    'Reconciliation (also on `evident status` as exceptions): leavers still holding access, accounts nobody on the roster owns, admins whose roles are not in `access.admin_roles`, members without two-factor authentication.',
    'Exit codes: 0 recorded, 1 with --strict when the roster does not explain an account, 2 usage, configuration, GitHub or git error.',
    GITHUB_ENVIRONMENT_HELP,
  ].join('\n'),
  async run({ values }, io) {
    const format = pickFormat(values.format, formats);
    return runCollection(values, io, { command: 'evident access collect', prepare: () => undefined, collect: async ({ model, session, repositories, append }) => {
      const { config, people } = model;
      const { recordAccessSnapshot } = await import('@evident/github');
      const organization = typeof values.org === 'string' ? values.org : config.access.organization;
      const collected = await recordAccessSnapshot(session.client, { repositories, ...(organization ? { organization } : {}), ...append });
      const record = collected.records[0]!;
      const snapshot = record.subject as AccessSnapshotSubject;
      const findings = reconcileAccess(snapshot, people, { on: toIsoDate(io.now()), ...(config.access.admin_roles ? { adminRoles: config.access.admin_roles } : {}) });
      const file = collected.append?.appended[0]?.file ?? null;
      const skipped = collected.append?.skipped.includes(record.id) ?? false;
      if (format === 'json') {
        writeJson(io, { version: 1, record: { id: record.id, kind: record.kind, file, skipped, subject: snapshot }, findings, written: collected.append !== undefined });
      } else {
        const where = file ?? (skipped ? 'already recorded today' : 'not written (dry run)');
        const members = snapshot.members ? `${counted(snapshot.members.length, 'member')} (${counted(snapshot.members.filter((m) => m.role === 'admin').length, 'owner')})` : 'members not visible';
        io.stdout(`${snapshot.organization ?? record.repository}: ${members}, ${snapshot.outside_collaborators ? counted(snapshot.outside_collaborators.length, 'outside collaborator') : 'no visible outside collaborators'}, ${snapshot.pending_invitations ? counted(snapshot.pending_invitations.length, 'pending invitation') : 'no visible pending invitations'} (${where})\n`);
        for (const repo of snapshot.repositories) {
          io.stdout(`${repo.repository}: ${repo.collaborators ? `${repo.collaborators.length} with access (${counted(repo.collaborators.filter((c) => c.permission === 'admin').length, 'admin')})` : 'access not visible'}, ${repo.deploy_keys ? counted(repo.deploy_keys.length, 'deploy key') : 'deploy keys not visible'}\n`);
        }
        for (const limitation of snapshot.limitations) io.stdout(`  limitation  ${limitation.detail}\n`);
        for (const finding of findings) io.stdout(`  ${finding.reason.padEnd(18)}  ${finding.detail}\n`);
      }
      return values.strict === true && findings.length > 0 ? ExitCode.findings : ExitCode.ok;
    } });
  },
};
