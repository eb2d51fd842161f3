import type { ChangePopulationSubject, RepositoryModel } from '@evident/core';
import type { Command } from '../command.js';
import { formatOption, periodOption, pickFormat, rootOption } from '../common-options.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { collectDryRunOption, GITHUB_ENVIRONMENT_HELP, remoteOption, repoOption } from '../github-session.js';
import { writeJson } from '../write-json.js';
import { appendedFiles, runCollection } from './run-collection.js';
import { counted } from '../counted.js';

const formats = ['text', 'json'] as const;

export const populationsCollectCommand: Command = {
  name: 'populations collect',
  summary: 'Record the change-management population (merged pull requests and their approvals) and the default branch rules on the evidence branch.',
  usage: 'evident populations collect [--period START..END] [--repo OWNER/NAME] [--root DIR] [--remote NAME] [--dry-run] [--format text|json]',
  options: {
    period: { type: 'string', value: 'PERIOD', description: 'Merge dates to collect, e.g. 2026-07..2026-09 (default: evident.yaml `audit.period`).' },
    repo: { ...repoOption, description: 'Repository to collect (default: evident.yaml `evidence.repositories`, else GITHUB_REPOSITORY).' },
    root: rootOption,
    remote: remoteOption,
    'dry-run': collectDryRunOption,
    format: formatOption(formats),
  },
  details: [
    'Needs GITHUB_TOKEN with `pull-requests: read` and `contents: write` (to push the evidence branch). Progress goes to stderr.',
    'Collecting the same finished period twice adds nothing; the branch rules are recorded once per day.',
    'Exit codes: 0 collected, 2 usage, configuration, GitHub or git error.',
    GITHUB_ENVIRONMENT_HELP,
  ].join('\n'),
  async run({ values }, io) {
    const format = pickFormat(values.format, formats);
    const prepare = (model: RepositoryModel) => {
      const period = periodOption(values.period, '--period') ?? model.config.audit.period;
      if (!period) throw new UsageError('Missing --period START..END, expected it (or `audit.period` in evident.yaml)');
      return period;
    };
    return runCollection(values, io, { command: 'evident populations collect', prepare, collect: async ({ model, session, repositories, append }, period) => {
      const { collectPopulations } = await import('@evident/github');
      const collected = await collectPopulations(session.client, { repositories, period: { start: period.start, end: period.end }, people: model.people, ...append });
      const { files, skipped } = appendedFiles(collected.append);
      if (format === 'json') {
        writeJson(io, { version: 1, period: { start: period.start, end: period.end }, records: collected.records.map((r) => ({ id: r.id, kind: r.kind, repository: r.repository, file: files.get(r.id) ?? null, skipped: skipped.has(r.id), subject: r.subject })), written: collected.append !== undefined });
      } else {
        for (const record of collected.records) {
          const where = files.get(record.id) ?? (skipped.has(record.id) ? 'already recorded' : 'not written (dry run)');
          if (record.kind === 'change-population') {
            const s = record.subject as ChangePopulationSubject;
            io.stdout(`${record.repository}: ${counted(s.totals.merged, 'pull request')} merged ${period.start} to ${period.end}, ${s.totals.merged_without_approval} without an approval at the final head (${where})\n`);
          } else {
            io.stdout(`${record.repository}: branch rules recorded (${where})\n`);
          }
        }
      }
      return ExitCode.ok;
    } });
  },
};
