import path from 'node:path';
import type { AccessReviewRequest } from '@evident/github';
import type { Command } from '../command.js';
import { formatOption, nowOption, periodOption, pickFormat, resolveRoot, resolveToday, rootOption } from '../common-options.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { GITHUB_ENVIRONMENT_HELP, openGitHubSession, remoteOption, repoOption } from '../github-session.js';
import { loadRepositoryModel } from '../load-checked-repository.js';
import { readEvidenceRecords } from '../load-evidence-records.js';
import { reportEnvironmentFault } from '../report-environment-fault.js';
import { writeJson } from '../write-json.js';

const formats = ['text', 'json'] as const;

export const accessReviewCommand: Command = {
  name: 'access review',
  summary: "Open (or update) the access review pull request of a period: the latest access snapshot's accounts and findings, for the access-review control's owner to approve.",
  usage: 'evident access review [--period PERIOD] [--repo OWNER/NAME] [--root DIR] [--remote NAME | --records DIR] [--now DATE] [--format text|json]',
  options: {
    period: { type: 'string', value: 'PERIOD', description: "Review period such as 2026-Q3 (default: the period of the control's frequency holding today)." },
    repo: repoOption,
    root: rootOption,
    remote: remoteOption,
    records: { type: 'string', value: 'DIR', description: 'Read the evidence records from DIR/records/*.json (a checkout of the evidence branch) instead.' },
    now: nowOption,
    format: formatOption(formats),
  },
  details: [
    'The pull request comes from branch `evident/access-review/<period>` and adds `access-reviews/<period>.md`: every account of the latest',
    'access-snapshot record on the evidence branch (person, roles, organisation role, repository permissions, two-factor) and the reconciliation',
    "findings (leavers, unknown accounts, unjustified admins, no two-factor). Reviews are requested from the owner of evident.yaml `access.review_control`",
    "(a team owner: its members). The owner's approval at the final commit, collected by `evident evidence collect`, is the review's sign-off.",
    'Running it again is safe: the same pull request is reused, a commit is made only when the file changes, and a review already signed off is left alone.',
    'The token needs `contents: write` and `pull-requests: write`.',
    GITHUB_ENVIRONMENT_HELP,
    'Exit codes: 0 the pull request is open (or already signed off), 2 usage, configuration, GitHub or git error, or no access snapshot yet.',
  ].join('\n'),
  async run({ values }, io) {
    const format = pickFormat(values.format, formats);
    const root = resolveRoot(values, io);
    const today = resolveToday(values, io);
    const requested = periodOption(values.period, '--period');
    if (requested && (requested.label.includes('..') || /^\d{4}-\d{2}-\d{2}$/.test(requested.label))) throw new UsageError(`Unexpected --period \`${requested.label}\`, expected a week, month, quarter or year such as \`2026-Q3\``);
    const checked = await loadRepositoryModel(root, today, io, { json: format === 'json' });
    if (!checked) return ExitCode.usage;
    const { model } = checked;
    const { accessReviewControl } = await import('@evident/core');
    const control = accessReviewControl(model);
    if (!control) throw new UsageError('Missing access review control: set evident.yaml `access.review_control` to the control whose owner signs off the review');
    const session = await openGitHubSession(values, io);
    const { defaultReviewPeriod, latestAccessSnapshot, requestAccessReview } = await import('@evident/github');
    const period = requested ?? defaultReviewPeriod(control.frequency, today);
    let result: AccessReviewRequest;
    try {
      const source = typeof values.records === 'string' ? { directory: path.resolve(io.cwd, values.records) } : { root, remote: typeof values.remote === 'string' ? values.remote : 'origin', branch: model.config.evidence.branch };
      const snapshot = latestAccessSnapshot(await readEvidenceRecords(source, io, { label: 'access snapshots' }));
      if (!snapshot) {
        io.stderr(`${io.errStyle.red('error')} No access-snapshot record on the evidence branch: run \`evident access collect\` first\n`);
        return ExitCode.usage;
      }
      result = await requestAccessReview(session.client, { repository: session.repository, model, snapshot, period, today, onProgress: session.progress });
    } catch (error) {
      return reportEnvironmentFault(error, io, 'The access review pull request may be incomplete: run the command again.');
    }
    if (format === 'json') {
      const { api_calls: _calls, ...report } = result;
      writeJson(io, report);
    } else {
      const state = result.signedOffBy ? `Signed off by @${result.signedOffBy}:` : result.pull.created ? 'Opened' : result.commit || result.pull.updated ? 'Updated' : 'Unchanged:';
      const lines = [
        `${state} ${result.pull.url} (branch \`${result.branch}\`, ${result.path})`,
        `Access review ${result.period.label} (${result.period.start} to ${result.period.end}) for ${result.control}: ${result.commit ? `new commit ${result.commit.slice(0, 12)}` : `no new commit (head ${result.head.slice(0, 12)})`}.`,
        ...(result.signedOffBy ? [] : [`Requested reviews from ${result.requested.length ? result.requested.map((l) => `@${l}`).join(', ') : 'nobody new'}.`]),
        ...(result.alreadyRequested.length ? [`Already requested: ${result.alreadyRequested.map((l) => `@${l}`).join(', ')}.`] : []),
        ...result.notRequested.map((n) => `Not requested: @${n.login} (${n.reason}).`),
      ];
      io.stdout(lines.join('\n') + '\n');
    }
    return ExitCode.ok;
  },
};
