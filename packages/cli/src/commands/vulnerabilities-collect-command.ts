import { remediationPolicy, type VulnerabilityAlertsSubject } from '@evident/core';
import type { Command } from '../command.js';
import { formatOption, pickFormat, rootOption } from '../common-options.js';
import { ExitCode } from '../exit-codes.js';
import { collectDryRunOption, GITHUB_ENVIRONMENT_HELP, remoteOption, repoOption } from '../github-session.js';
import { writeJson } from '../write-json.js';
import { appendedFiles, runCollection } from './run-collection.js';

const formats = ['text', 'json'] as const;

export const vulnerabilitiesCollectCommand: Command = {
  name: 'vulnerabilities collect',
  summary: "Record each repository's Dependabot and code scanning alerts (opened, fixed, dismissed, severity, age) against the vulnerability policy's remediation times on the evidence branch.",
  usage: 'evident vulnerabilities collect [--repo OWNER/NAME] [--root DIR] [--remote NAME] [--dry-run] [--strict] [--format text|json]',
  options: {
    repo: { ...repoOption, description: 'Repository to collect (default: evident.yaml `evidence.repositories`, else GITHUB_REPOSITORY).' },
    root: rootOption,
    remote: remoteOption,
    'dry-run': collectDryRunOption,
    strict: { type: 'boolean', description: 'Exit 1 when an alert is past its remediation time.' },
    format: formatOption(formats),
  },
  details: [
    'Remediation times come from the `remediation_days` of the policy that sets them (e.g. `{ critical: 7, high: 30, medium: 90, low: 180 }`); without one no alert is overdue.',
    'Needs `security-events: read` (code scanning) and Dependabot alerts read access (a fine-grained token or GitHub App with "Dependabot alerts: read"); a 403 is recorded as a limitation with the permissions GitHub names. One record per repository per month.',
    'Exit codes: 0 recorded, 1 with --strict when an alert is past its remediation time, 2 usage, configuration, GitHub or git error.',
    GITHUB_ENVIRONMENT_HELP,
  ].join('\n'),
  async run({ values }, io) {
    const format = pickFormat(values.format, formats);
    return runCollection(values, io, { command: 'evident vulnerabilities collect', prepare: (model) => remediationPolicy(model.policies), collect: async ({ session, repositories, append }, remediation) => {
      const { recordVulnerabilityAlerts } = await import('@evident/github');
      const collected = await recordVulnerabilityAlerts(session.client, { repositories, ...(remediation ? { remediation } : {}), ...append });
      const { files, skipped } = appendedFiles(collected.append);
      const overdue = collected.records.reduce((n, r) => n + (r.subject as VulnerabilityAlertsSubject).totals.overdue, 0);
      if (format === 'json') {
        writeJson(io, { version: 1, records: collected.records.map((r) => ({ id: r.id, kind: r.kind, repository: r.repository, file: files.get(r.id) ?? null, skipped: skipped.has(r.id), subject: r.subject })), overdue, written: collected.append !== undefined });
      } else {
        if (!remediation) io.stdout('No policy sets `remediation_days`: alerts are recorded without remediation times.\n');
        for (const record of collected.records) {
          const s = record.subject as VulnerabilityAlertsSubject;
          const where = files.get(record.id) ?? (skipped.has(record.id) ? 'already recorded this month' : 'not written (dry run)');
          io.stdout(`${record.repository}: ${s.totals.open} open, ${s.totals.fixed} fixed, ${s.totals.dismissed} dismissed, ${s.totals.overdue} past their remediation time (${where})\n`);
          for (const limitation of s.limitations) io.stdout(`  limitation  ${limitation.detail}\n`);
          for (const a of s.alerts.filter((x) => x.overdue)) io.stdout(`  overdue     ${a.source} #${a.number} ${a.severity} ${a.summary}: opened ${a.created_at.slice(0, 10)}, due ${a.due_on}, ${a.resolved_at ? `${a.state} ${a.resolved_at.slice(0, 10)}` : 'still open'}\n`);
        }
      }
      return values.strict === true && overdue > 0 ? ExitCode.findings : ExitCode.ok;
    } });
  },
};
