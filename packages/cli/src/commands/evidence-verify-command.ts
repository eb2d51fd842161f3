import type { Command } from '../command.js';
import { formatOption, pickFormat, rootOption } from '../common-options.js';
import { runEvidenceVerification } from '../run-evidence-verification.js';
import { writeJson } from '../write-json.js';

const formats = ['text', 'json'] as const;

export const evidenceVerifyCommand: Command = {
  name: 'evidence verify',
  summary: 'Verify the hash chain of the evidence branch and name every modified, deleted, inserted or reordered record.',
  usage: 'evident evidence verify [--root DIR] [--remote NAME] [--branch NAME] [--ref REF] [--format text|json]',
  options: {
    root: rootOption,
    remote: { type: 'string', value: 'NAME', description: 'Git remote to fetch the evidence branch from (default: origin).' },
    branch: { type: 'string', value: 'NAME', description: 'Evidence branch (default: evident.yaml `evidence.branch`, else `evidence`).' },
    ref: { type: 'string', value: 'REF', description: 'Verify this local ref or commit instead of fetching the branch.' },
    format: formatOption(formats),
  },
  details: [
    'Each record must match schemas/evidence-record.schema.json, recompute to its own hash, and name the hash of the record before it.',
    'Exit codes: 0 the chain is intact, 1 a record is modified, missing, inserted, reordered or invalid, 2 no evidence branch or git error.',
    'Nothing is written.',
  ].join('\n'),
  async run({ values }, io) {
    const format = pickFormat(values.format, formats);
    const { code, verification } = await runEvidenceVerification(values, io);
    if (!verification) return code;
    if (format === 'json') writeJson(io, { ref: verification.ref, commit: verification.commit, records: verification.records, intact: verification.problems.length === 0, problems: verification.problems });
    else if (verification.problems.length === 0) io.stdout(`${io.style.green('ok')} ${verification.records} evidence record${verification.records === 1 ? '' : 's'} on \`${verification.ref}\` (${verification.commit.slice(0, 12)}): the chain is intact.\n`);
    else {
      const lines = verification.problems.map((p) => `${io.style.red(p.problem.padEnd(9))} ${p.file}  ${p.message}`);
      io.stdout(`${lines.join('\n')}\n${verification.problems.length} problem${verification.problems.length === 1 ? '' : 's'} in ${verification.records} evidence records on \`${verification.ref}\` (${verification.commit.slice(0, 12)}).\n`);
    }
    return code;
  },
};
