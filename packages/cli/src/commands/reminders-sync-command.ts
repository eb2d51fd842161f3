import { computeReadiness, MissingAuditPeriodError, policyHistoryPeriod, readinessLabel, type ReadinessReport } from '@evident/core';
import type { Command } from '../command.js';
import { formatOption, nowOption, pickFormat, resolveRoot, resolveToday, rootOption } from '../common-options.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { GITHUB_ENVIRONMENT_HELP, openGitHubSession, repoOption } from '../github-session.js';
import { loadRepositoryModel } from '../load-checked-repository.js';
import { evidenceRecordOptions, loadEvidenceRecords } from '../load-evidence-records.js';
import { reportEnvironmentFault } from '../report-environment-fault.js';
import { writeJson } from '../write-json.js';

const formats = ['text', 'json'] as const;

export const remindersSyncCommand: Command = {
  name: 'reminders sync',
  summary: 'Keep one GitHub issue per overdue or upcoming occurrence: open, update, reopen and close them, assigned to the control owner.',
  usage: 'evident reminders sync [--repo OWNER/NAME] [--lead-days N] [--dry-run] [--root DIR] [--now DATE] [--records DIR | --evidence-branch] [--format text|json]',
  options: {
    repo: { ...repoOption, description: 'Repository the issues live in (default: GITHUB_REPOSITORY).' },
    'lead-days': { type: 'string', value: 'N', description: 'Open an issue this many days before an occurrence is due (default: 14).' },
    'dry-run': { type: 'boolean', description: 'Print the plan; change no issue.' },
    root: rootOption,
    now: nowOption,
    ...evidenceRecordOptions,
    format: formatOption(formats),
  },
  details: [
    'Needs GITHUB_TOKEN with `issues: write`. Issues carry the label `evident-reminder` and a hidden marker naming the occurrence;',
    'running it again with the same readiness changes nothing. Progress goes to stderr.',
    'Readiness is computed as `evident status` computes it for the same records and date: with `evidence.signing`, a record whose signature check is a finding is not counted;',
    'an evidence branch that does not exist yet (the first collection creates it) is said once on stderr and means no records;',
    'in a git repository the policies\' history is read, so acknowledgment deadlines count from the commit that introduced each policy version, as in the bundle (outside git, or in a shallow clone with a note on stderr, from the policies\' frontmatter alone).',
    'Its figure goes to stderr (JSON: `readiness`, as `evident status --format json` has it).',
    'Exit codes: 0 issues in sync, 2 usage, configuration or GitHub error.',
    GITHUB_ENVIRONMENT_HELP,
  ].join('\n'),
  async run({ values }, io) {
    const format = pickFormat(values.format, formats);
    const leadDays = values['lead-days'] === undefined ? 14 : Number(values['lead-days']);
    if (!Number.isInteger(leadDays) || leadDays < 0 || leadDays > 365) throw new UsageError(`Unexpected --lead-days \`${String(values['lead-days'])}\`, expected a whole number of days from 0 to 365`);
    const root = resolveRoot(values, io);
    const today = resolveToday(values, io);
    const result = await loadRepositoryModel(root, today, io, { json: format === 'json' });
    if (!result) return ExitCode.usage;
    const model = result.model;
    const { client, repository, progress } = await openGitHubSession(values, io);
    const { syncReminders } = await import('@evident/github');
    try {
      // Readiness as `evident status` computes it: the same records (with evidence.signing, only those whose
      // signature checks out; none yet before the first collection) and the policies' git history.
      const records = await loadEvidenceRecords(values, root, model.config.evidence, io, { allowMissingBranch: true });
      const assessed = policyHistoryPeriod(model.config.audit);
      // The module alone, not the bundle package, as status loads it.
      const { readPolicyContents } = await import('@evident/bundle/policy-contents');
      const { contents: policyContents, falseEvidence, note } = assessed ? await readPolicyContents(root, model, assessed) : {};
      // A shallow clone: said once on stderr, as status says it, and readiness by the frontmatter.
      if (note) io.stderr(`${io.errStyle.yellow('note')} ${note}\n`);
      let report: ReadinessReport;
      try {
        report = computeReadiness(model, { today, ...(records ? { records } : {}), ...(policyContents ? { policyContents } : {}), ...(falseEvidence ? { falseEvidence } : {}) });
      } catch (error) {
        if (error instanceof MissingAuditPeriodError) throw new UsageError(error.message);
        throw error;
      }
      progress(`Readiness on ${today}: ${readinessLabel(report.readiness)}`);
      const synced = await syncReminders(client, report, {
        repository,
        people: model.people,
        teams: model.teams,
        leadDays,
        dryRun: values['dry-run'] === true,
        onProgress: progress,
      });
      if (format === 'json') {
        writeJson(io, { version: 1, dry_run: values['dry-run'] === true, readiness: report.readiness, plan: synced.plan, created: synced.created, updated: synced.updated, closed: synced.closed });
      } else {
        const { plan } = synced;
        const verb = values['dry-run'] === true ? 'would be' : '';
        const line = (n: number, what: string) => `${n} ${n === 1 ? 'issue' : 'issues'} ${verb ? `${verb} ` : ''}${what}`;
        io.stdout([line(plan.create.length, 'opened'), line(plan.update.length, 'updated'), line(plan.close.length, 'closed')].join(', ') + '\n');
        for (const c of plan.create) io.stdout(`  open   ${c.key}: ${c.title}\n`);
        for (const u of plan.update) io.stdout(`  update #${u.number} ${u.key}${u.state === 'open' ? ' (reopened)' : ''}\n`);
        for (const c of plan.close) io.stdout(`  close  #${c.number} ${c.key} (${c.reason})\n`);
      }
      return ExitCode.ok;
    } catch (error) {
      const consequence = values['dry-run'] === true ? 'No reminder issue was changed (--dry-run).' : 'Reminder issues may be partly updated; the next run completes them.';
      return reportEnvironmentFault(error, io, consequence);
    }
  },
};
