import type { AcknowledgmentRequest } from '@evident/github';
import type { Command } from '../command.js';
import { formatOption, nowOption, pickFormat, resolveRoot, resolveToday, rootOption, stringList } from '../common-options.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { GITHUB_ENVIRONMENT_HELP, openGitHubSession, repoOption } from '../github-session.js';
import { loadRepositoryModel } from '../load-checked-repository.js';
import { reportEnvironmentFault } from '../report-environment-fault.js';
import { writeJson } from '../write-json.js';

const formats = ['text', 'json'] as const;

export const ackRequestCommand: Command = {
  name: 'ack request',
  summary: 'Open (or update) the pull request employees approve to acknowledge policy versions, and request their reviews.',
  usage: 'evident ack request (--policy ID [--policy ID ...] | --all) [--repo OWNER/NAME] [--root DIR] [--now DATE] [--format text|json]',
  options: {
    policy: { type: 'string', multiple: true, value: 'ID', description: 'A policy to acknowledge (repeatable).' },
    all: { type: 'boolean', description: 'Every approved policy with an `acknowledgment` field.' },
    repo: repoOption,
    root: rootOption,
    now: nowOption,
    format: formatOption(formats),
  },
  details: [
    'The pull request adds a manifest naming each policy version and its SHA-256; each approving review by someone on the roster',
    'is recorded by `evident evidence collect` as their acknowledgment of exactly the content at the reviewed commit.',
    'The same policy versions always reuse the same branch and pull request, so running it again only updates the description',
    'and asks people not yet asked (GitHub accepts at most 15 pending review requests per pull request).',
    'The token needs `contents: write` and `pull-requests: write`.',
    GITHUB_ENVIRONMENT_HELP,
    'Exit codes: 0 the pull request is open and reviews are requested, 2 usage, configuration or environment error.',
  ].join('\n'),
  async run({ values }, io) {
    const format = pickFormat(values.format, formats);
    const ids = stringList(values.policy);
    if ((ids.length > 0) === (values.all === true)) throw new UsageError('Unexpected arguments, expected either --policy ID (repeatable) or --all');
    const root = resolveRoot(values, io);
    const today = resolveToday(values, io);
    const session = await openGitHubSession(values, io);
    const checked = await loadRepositoryModel(root, today, io, { json: format === 'json' });
    if (!checked) return ExitCode.usage;
    const { requestAcknowledgments, selectAcknowledgmentPolicies } = await import('@evident/github');
    const selection = selectAcknowledgmentPolicies(checked.model, values.all === true ? 'all' : ids);
    if (selection.problems.length > 0) throw new UsageError(selection.problems.join('; '));
    if (selection.policies.length === 0) throw new UsageError('No approved policy has an `acknowledgment` field: add `acknowledgment: { audience: [everyone], within_days: 30 }` to a policy');
    let result: AcknowledgmentRequest;
    try {
      result = await requestAcknowledgments(session.client, {
        repository: session.repository,
        model: checked.model,
        policies: selection.policies,
        label: values.all === true ? 'all' : ids.length === 1 ? ids[0]! : 'policies',
        today,
        onProgress: session.progress,
      });
    } catch (error) {
      return reportEnvironmentFault(error, io, 'The acknowledgment pull request may be incomplete: run the command again.');
    }
    if (format === 'json') {
      const { api_calls: _calls, ...report } = result;
      writeJson(io, report);
    } else {
      const lines = [
        `${result.pull.created ? 'Opened' : result.pull.updated ? 'Updated' : 'Unchanged:'} ${result.pull.url} (branch \`${result.campaign.branch}\`)`,
        ...result.manifest.policies.map((p) => `  ${p.id} ${p.version}  sha256 ${p.sha256}`),
        `Requested reviews from ${result.requested.length ? result.requested.map((l) => `@${l}`).join(', ') : 'nobody new'}.`,
        ...(result.alreadyRequested.length ? [`Already requested: ${result.alreadyRequested.map((l) => `@${l}`).join(', ')}.`] : []),
        ...(result.approved.length ? [`Already acknowledged on this pull request: ${result.approved.map((l) => `@${l}`).join(', ')}.`] : []),
        ...result.notRequested.map((n) => `Not requested: @${n.login} (${n.reason}).`),
      ];
      io.stdout(lines.join('\n') + '\n');
    }
    return ExitCode.ok;
  },
};
