import { ConfigUnreadableError, countDiagnostics, formatDiagnosticsGithub, formatDiagnosticsJson, formatDiagnosticsText, type CheckResult } from '@evident/core';
import type { Command } from '../command.js';
import { formatOption, nowOption, pickFormat, resolveRoot, resolveToday, rootOption } from '../common-options.js';
import { ExitCode } from '../exit-codes.js';
import { configFaultResult, loadCheckedRepository } from '../load-checked-repository.js';

const formats = ['text', 'json', 'github'] as const;

export const checkCommand: Command = {
  name: 'check',
  summary: 'Check policies, controls, the roster and evident.yaml; report findings at file and line.',
  usage: 'evident check [--root DIR] [--format text|json|github] [--strict] [--now DATE]',
  options: {
    root: rootOption,
    format: formatOption(formats),
    strict: { type: 'boolean', description: 'Fail on warnings too.' },
    now: nowOption,
  },
  details: 'Exit codes: 0 no errors, 1 findings at error level (or warnings with --strict), 2 usage, configuration or internal error.\nNothing is written to the repository.',
  async run({ values }, io) {
    const format = pickFormat(values.format, formats);
    const result = await loadCheckedRepository(resolveRoot(values, io), resolveToday(values, io)).catch((error: unknown): CheckResult => {
      // evident.yaml cannot be read: still a complete report in the format asked for, and exit code 2.
      if (error instanceof ConfigUnreadableError) return configFaultResult(error);
      // No evident.yaml: one line on stderr, and for machines a JSON document saying so.
      if (format !== 'json') throw error;
      const fault = configFaultResult(error);
      io.stderr(`${io.errStyle.red('error')} ${(error as Error).message}\n`);
      return fault;
    });
    const output = format === 'json' ? formatDiagnosticsJson(result.diagnostics) : format === 'github' ? formatDiagnosticsGithub(result.diagnostics) : formatDiagnosticsText(result.diagnostics, io.style);
    io.stdout(output);
    if (result.configFailed) return ExitCode.usage;
    const counts = countDiagnostics(result.diagnostics);
    return counts.error > 0 || (values.strict === true && counts.warning > 0) ? ExitCode.findings : ExitCode.ok;
  },
};
