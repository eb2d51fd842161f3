import { computeReadiness, formatReadinessJson, formatReadinessMarkdown, formatReadinessText, MissingAuditPeriodError, policyHistoryPeriod, readinessFails, type ReadinessReport } from '@evident/core';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { formatOption, nowOption, periodOption, pickFormat, resolveRoot, resolveToday, rootOption } from '../common-options.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { loadRepositoryModel } from '../load-checked-repository.js';
import { evidenceRecordOptions, loadEvidenceRecords } from '../load-evidence-records.js';
import { reportEnvironmentFault } from '../report-environment-fault.js';

const formats = ['text', 'json', 'markdown'] as const;

export const statusCommand: Command = {
  name: 'status',
  summary: 'Show readiness for the configured audit: occurrences due, evidence missing, exceptions and their responses.',
  usage: 'evident status [--root DIR] [--format text|json|markdown] [--now DATE] [--period START..END] [--records DIR | --evidence-branch]',
  options: {
    root: rootOption,
    format: formatOption(formats),
    now: nowOption,
    period: { type: 'string', value: 'PERIOD', description: 'Assess this period instead of evident.yaml `audit.period` (2026-Q3, 2026-07..2026-12, START..END).' },
    ...evidenceRecordOptions,
  },
  details: [
    'On a Type I program, --period previews a Type II audit of that period: occurrences are assessed as a Type II audit assesses them,',
    'the heading says "Type II readiness (preview; evident.yaml says Type I)" and JSON has `audit.type` `type2` with `audit.configured_type` `type1`.',
    'Without --records or --evidence-branch, approvals, acknowledgments and populations are not assessed.',
    'With --evidence-branch, an evidence branch that does not exist yet (the first collection creates it) is said once on stderr and readiness is computed with no records.',
    'An existing branch\'s history is walked as `evident evidence verify` walks it: a commit that did anything but add records',
    '(a record deleted, renumbered, modified or inserted, a merge) is an error naming each problem (exit 2), and no readiness is computed.',
    'A management response under exceptions/ that answers no exception listed (a typo in its `id` or file name, or an exception closed since) is listed with its file and line (JSON: `stray_responses`); it changes neither the figure nor the exit code.',
    'Readiness is one figure, the same the bundle shows for the same records and date; before anything is due it reads "nothing due yet" (JSON: `percent` null, with `reason`).',
    'In a git repository the policies\' history is read as the bundle reads it, so acknowledgment deadlines count from the commit that introduced each policy version;',
    'outside git, or in a shallow clone (said once on stderr: run `git fetch --unshallow`), readiness goes by the policies\' frontmatter alone.',
    'Exit codes: 0 nothing open, 1 something open (Type I: an in-scope criterion without an implemented or operating control, i.e. readiness below 100%; either type: an exception without a management response under exceptions/, such as an occurrence past its due date without evidence), 2 usage or configuration error.',
    'Nothing is written to the repository.',
  ].join('\n'),
  async run({ values }, io) {
    const format = pickFormat(values.format, formats);
    const root = resolveRoot(values, io);
    const today = resolveToday(values, io);
    const period = periodOption(values.period, '--period');
    const result = await loadRepositoryModel(root, today, io, { json: format === 'json' });
    if (!result) return ExitCode.usage;
    let records;
    try {
      records = await loadEvidenceRecords(values, root, result.model.config.evidence, io, { allowMissingBranch: true });
    } catch (error) {
      return reportEnvironmentFault(error, io, 'No readiness was computed: fix access to the evidence branch (or its history, which `evident evidence verify` checks) or run without --evidence-branch.');
    }
    // The policies' git history, read as the bundle reads it: one readiness figure for both.
    const assessed = policyHistoryPeriod(result.model.config.audit, period);
    // The module alone, not the bundle package: status loads no portal templates or history walk.
    const { readPolicyContents } = await import('@evident/bundle/policy-contents');
    const { contents: policyContents, falseEvidence, note } = assessed ? await readPolicyContents(root, result.model, assessed) : {};
    // A shallow clone: said once on stderr (in every format; JSON has no place for notes), readiness by the frontmatter.
    if (note) io.stderr(`${io.errStyle.yellow('note')} ${note}\n`);
    let report: ReadinessReport;
    try {
      report = computeReadiness(result.model, { today, ...(records ? { records } : {}), ...(period ? { period: { start: period.start, end: period.end } } : {}), ...(policyContents ? { policyContents } : {}), ...(falseEvidence ? { falseEvidence } : {}) });
    } catch (error) {
      if (error instanceof MissingAuditPeriodError) throw new UsageError(error.message);
      throw error;
    }
    warnAboutUncountedEvidence(result.diagnostics, io);
    const preview = period !== undefined && result.model.config.audit.type === 'type1';
    if (preview) report = typeIIPreview(report);
    const render = { text: () => formatReadinessText(report, io.style), json: () => formatReadinessJson(report), markdown: () => formatReadinessMarkdown(report) }[format];
    io.stdout(preview && format !== 'json' ? render().replace(TYPE_II_HEADING, PREVIEW_HEADING) : render());
    return readinessFails(report) ? ExitCode.findings : ExitCode.ok;
  },
};

const TYPE_II_HEADING = 'Type II readiness';
const PREVIEW_HEADING = 'Type II readiness (preview; evident.yaml says Type I)';

/**
 * --period on a Type I program assesses occurrences over the period, as a Type II audit would: the
 * report is a Type II preview (its figure, exceptions and exit code are a Type II audit's), and
 * `audit.configured_type` keeps what evident.yaml says.
 */
function typeIIPreview(report: ReadinessReport): ReadinessReport {
  const audit = { ...report.audit, type: 'type2' as const, configured_type: 'type1' as const };
  return { ...report, audit };
}

function warnAboutUncountedEvidence(diagnostics: readonly { ruleId: string; file: string }[], io: CliIo): void {
  const files = new Set(diagnostics.filter((d) => d.ruleId.startsWith('evidence/')).map((d) => d.file));
  if (files.size === 0) return;
  io.stderr(`${io.errStyle.yellow('warning')} ${files.size} evidence ${files.size === 1 ? 'file has' : 'files have'} problems and ${files.size === 1 ? 'does' : 'do'} not count: run \`evident check\`\n`);
}
