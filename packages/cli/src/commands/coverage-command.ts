import { computeCoverage, formatCoverageCsv, formatCoverageJson, formatCoverageMarkdown, formatCoverageText } from '@evident/core';
import type { Command } from '../command.js';
import { formatOption, pickFormat, resolveRoot, resolveToday, rootOption } from '../common-options.js';
import { ExitCode } from '../exit-codes.js';
import { loadRepositoryModel } from '../load-checked-repository.js';

const formats = ['text', 'json', 'markdown', 'csv'] as const;

export const coverageCommand: Command = {
  name: 'coverage',
  summary: 'Show, for each criterion in scope, the controls mapped to it, their status and policies.',
  usage: 'evident coverage [--root DIR] [--format text|json|markdown|csv]',
  options: { root: rootOption, format: formatOption(formats) },
  details: 'Exit codes: 0 every in-scope criterion is mapped, 1 some criterion has no control, 2 usage or configuration error.',
  async run({ values }, io) {
    const format = pickFormat(values.format, formats);
    const result = await loadRepositoryModel(resolveRoot(values, io), resolveToday(values, io), io, { json: format === 'json' });
    if (!result) return ExitCode.usage;
    const coverage = computeCoverage(result.model);
    const render = { text: () => formatCoverageText(coverage, io.style), json: () => formatCoverageJson(coverage), markdown: () => formatCoverageMarkdown(coverage), csv: () => formatCoverageCsv(coverage) }[format];
    io.stdout(render());
    return coverage.totals.uncovered > 0 ? ExitCode.findings : ExitCode.ok;
  },
};
