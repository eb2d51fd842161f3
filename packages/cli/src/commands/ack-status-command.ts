import { printableValues, type EvidenceRecord } from '@evident/core';
import type { PolicyAcknowledgmentStatus } from '@evident/github';
import path from 'node:path';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { formatOption, nowOption, pickFormat, resolveRoot, resolveToday, rootOption } from '../common-options.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { loadRepositoryModel } from '../load-checked-repository.js';
import { readEvidenceRecords } from '../load-evidence-records.js';
import { reportEnvironmentFault } from '../report-environment-fault.js';
import { writeJson } from '../write-json.js';

const formats = ['text', 'json'] as const;

export const ackStatusCommand: Command = {
  name: 'ack status',
  summary: 'Show, per policy version, who has acknowledged it, who is pending, who is overdue and who left.',
  usage: 'evident ack status [--policy ID ...] [--root DIR] [--now DATE] [--remote NAME] [--branch NAME | --records DIR] [--format text|json]',
  options: {
    policy: { type: 'string', multiple: true, value: 'ID', description: 'Only this policy (repeatable).' },
    root: rootOption,
    now: nowOption,
    remote: { type: 'string', value: 'NAME', description: 'Git remote of the evidence branch (default: origin).' },
    branch: { type: 'string', value: 'NAME', description: 'Evidence branch (default: evident.yaml `evidence.branch`).' },
    records: { type: 'string', value: 'DIR', description: 'Read records from DIR/records/*.json (a checkout of the evidence branch) instead of fetching.' },
    format: formatOption(formats),
  },
  details: [
    'Only approved policies (`status: approved`) with an `acknowledgment` field are listed, as `ack request --all` asks only',
    'about those: acknowledgments of a draft or retired policy are never due, and naming one with --policy is a usage error.',
    'The audience is the policy `acknowledgment.audience` expanded through the roster and teams. An acknowledgment is due',
    '`within_days` after the later of the policy `effective_date` and the person `start_date`; people who left (roster',
    '`end_date`) on or before the due date without acknowledging are listed as left; people employed past it who never',
    'acknowledged are overdue, even if they left since; people who have not started yet are not listed.',
    'An evidence branch that does not exist yet (the first collection creates it) is said once on stderr: nobody has acknowledged yet.',
    'Read from an existing evidence branch, its history is walked as `evident evidence verify` walks it: a commit that did anything but add records',
    '(a record deleted, renumbered, modified or inserted, a merge) is an error naming each problem (exit 2), and nothing is listed.',
    'Exit codes: 0 nobody overdue, 1 someone is overdue, 2 usage, configuration or git error, or an evidence branch whose history did more than add records. Nothing is written.',
  ].join('\n'),
  async run({ values }, io) {
    const format = pickFormat(values.format, formats);
    const root = resolveRoot(values, io);
    const today = resolveToday(values, io);
    const checked = await loadRepositoryModel(root, today, io, { json: format === 'json' });
    if (!checked) return ExitCode.usage;
    const model = checked.model;
    const only = Array.isArray(values.policy) ? values.policy : undefined;
    for (const id of only ?? []) {
      const policy = model.policies.find((p) => p.id === id && p.acknowledgment);
      if (!policy) throw new UsageError(`Unexpected policy \`${id}\`, expected a policy with an \`acknowledgment\` field`);
      if (policy.status !== 'approved') throw new UsageError(`Unexpected policy \`${id}\` with \`status: ${policy.status}\`, expected an approved policy: acknowledgments fall due only once a policy is approved, and \`ack request --all\` asks only about approved policies`);
    }
    let records: EvidenceRecord[];
    try {
      const source =
        typeof values.records === 'string'
          ? { directory: path.resolve(io.cwd, values.records) }
          : { root, remote: typeof values.remote === 'string' ? values.remote : 'origin', branch: typeof values.branch === 'string' ? values.branch : model.config.evidence.branch };
      records = await readEvidenceRecords(source, io, { label: 'acknowledgments', allowMissingBranch: true, ...(model.config.evidence.signing ? { signing: model.config.evidence.signing } : {}) });
    } catch (error) {
      return reportEnvironmentFault(error, io, 'Acknowledgments could not be read.');
    }
    const { acknowledgmentStatus } = await import('@evident/github');
    const status = acknowledgmentStatus(model, records, today, only);
    if (format === 'json') writeJson(io, { today, policies: status });
    else io.stdout(status.length === 0 ? nothingToAcknowledge(model.policies) : formatText(status, io));
    return status.some((p) => p.counts.overdue > 0) ? ExitCode.findings : ExitCode.ok;
  },
};

/**
 * Why nothing is listed. A starter program's policies all ask for acknowledgment but are drafts: none is
 * in force yet, which is not the same as no policy asking.
 */
function nothingToAcknowledge(policies: readonly { status: string; acknowledgment?: unknown }[]): string {
  const drafts = policies.filter((p) => p.acknowledgment && p.status === 'draft').length;
  if (drafts === 0) return 'No approved policy asks for acknowledgment.\n';
  const asking = `${drafts} draft ${drafts === 1 ? 'policy asks' : 'policies ask'} for acknowledgment; acknowledgments fall due once a policy is approved (\`status: approved\`).\n`;
  return policies.some((p) => p.status === 'approved') ? `No approved policy asks for acknowledgment: ${asking}` : `No policy is approved yet, so none is in force to acknowledge: ${asking}`;
}

/** Text output; titles, names and record fields come from the repository and the evidence branch, so their control characters are shown as escapes. */
function formatText(untrusted: readonly PolicyAcknowledgmentStatus[], io: CliIo): string {
  const status = printableValues(untrusted);
  const label = { acknowledged: io.style.green('acknowledged'), pending: 'pending', overdue: io.style.red('overdue'), left: io.style.dim('left') };
  const lines: string[] = [];
  for (const policy of status) {
    const c = policy.counts;
    lines.push(`${io.style.bold(`${policy.policy} ${policy.version}`)} (${policy.title}): ${c.acknowledged} acknowledged, ${c.pending} pending, ${c.overdue} overdue, ${c.left} left`);
    for (const p of policy.people) {
      const detail = p.state === 'acknowledged' ? `${p.acknowledged_at?.slice(0, 10)} in #${p.pull_request}` : p.state === 'left' ? `left ${p.end_date}` : `due ${p.due}`;
      lines.push(`  ${label[p.state]}${' '.repeat(13 - p.state.length)}${p.name} (@${p.github})  ${detail}`);
    }
  }
  return lines.join('\n') + '\n';
}
