import { CONFIG_FILE, createValidators, loadConfig } from '@evident/core';
import type { EvidenceVerification } from '@evident/github';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { formatOption, pickFormat, resolveRoot, rootOption } from '../common-options.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { reportEnvironmentFault } from '../github-session.js';

const formats = ['text', 'json'] as const;

/** The evidence branch named by evident.yaml, or `evidence` when there is none to read. */
async function configuredBranch(root: string): Promise<string> {
  const text = await readFile(path.join(root, CONFIG_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return 'evidence';
  return loadConfig({ path: CONFIG_FILE, text }, createValidators()).config?.evidence.branch ?? 'evidence';
}

/** Verify the hash chain of the evidence branch; 0 when intact, 1 when any record is bad. */
export async function runEvidenceVerification(values: Record<string, unknown>, io: CliIo): Promise<{ code: ExitCodeValue; verification?: EvidenceVerification }> {
  const root = resolveRoot(values, io);
  const branch = typeof values.branch === 'string' ? values.branch : await configuredBranch(root);
  const remote = typeof values.remote === 'string' ? values.remote : 'origin';
  const { verifyEvidenceBranch } = await import('@evident/github');
  const { simpleGit } = await import('simple-git');
  io.stderr(`Verifying evidence records on ${typeof values.ref === 'string' ? `\`${values.ref}\`` : `\`${remote}/${branch}\``}\n`);
  try {
    const verification = await verifyEvidenceBranch(simpleGit(root), { remote, branch, ...(typeof values.ref === 'string' ? { ref: values.ref } : {}) });
    return { code: verification.problems.length ? ExitCode.findings : ExitCode.ok, verification };
  } catch (error) {
    return { code: reportEnvironmentFault(error, io, 'Nothing was verified.') };
  }
}

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
    if (format === 'json') io.stdout(JSON.stringify({ ref: verification.ref, commit: verification.commit, records: verification.records, intact: verification.problems.length === 0, problems: verification.problems }, null, 2) + '\n');
    else if (verification.problems.length === 0) io.stdout(`${io.style.green('ok')} ${verification.records} evidence record${verification.records === 1 ? '' : 's'} on \`${verification.ref}\` (${verification.commit.slice(0, 12)}): the chain is intact.\n`);
    else {
      const lines = verification.problems.map((p) => `${io.style.red(p.problem.padEnd(9))} ${p.file}  ${p.message}`);
      io.stdout(`${lines.join('\n')}\n${verification.problems.length} problem${verification.problems.length === 1 ? '' : 's'} in ${verification.records} evidence records on \`${verification.ref}\` (${verification.commit.slice(0, 12)}).\n`);
    }
    return code;
  },
};
