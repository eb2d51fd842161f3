import type { ChainProblem } from '@evident/core';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { formatOption, pickFormat, rootOption } from '../common-options.js';
import { runEvidenceVerification } from '../run-evidence-verification.js';
import { writeJson } from '../write-json.js';

const formats = ['text', 'json'] as const;

/** One line per finding: kind, commit, record file, message. */
export function formatChainProblem(p: ChainProblem, io: Pick<CliIo, 'style'>): string {
  return `${io.style.red(p.problem.padEnd(14))} ${p.commit ? `${p.commit.slice(0, 12)} ` : ''}${p.file ? `${p.file}  ` : ''}${p.message}`;
}

export const evidenceVerifyCommand: Command = {
  name: 'evidence verify',
  summary: 'Verify the evidence branch and its history: name every rewrite and every commit that modified, deleted, renamed, renumbered or inserted a record.',
  usage: 'evident evidence verify [--root DIR] [--remote NAME] [--branch NAME] [--ref REF] [--anchor HASH]... [--format text|json]',
  options: {
    root: rootOption,
    remote: { type: 'string', value: 'NAME', description: 'Git remote to fetch the evidence branch from (default: origin).' },
    branch: { type: 'string', value: 'NAME', description: 'Evidence branch (default: evident.yaml `evidence.branch`, else `evidence`).' },
    ref: { type: 'string', value: 'REF', description: 'Verify this local ref or commit instead of fetching the branch.' },
    anchor: { type: 'string', multiple: true, value: 'HASH', description: 'A record hash the chain must still contain, e.g. `evidence_chain.head` of an earlier bundle\'s manifest.json (repeatable).' },
    format: formatOption(formats),
  },
  details: [
    'The branch is fetched without forcing: when it no longer contains the tip verified before (refs/evident/verified/REMOTE/BRANCH)',
    'or the remote-tracking ref, the rewrite is reported with both commits and the remote tip is not adopted.',
    'Its history is walked commit by commit: each commit may only add records that match schemas/evidence-record.schema.json,',
    'recompute to their own hash, take the next sequence and name the hash of the record before. Every other change is named',
    'with its commit and record. A clean result records the tip as verified.',
    'Exit codes: 0 intact, 1 any finding (a rewrite, an altered record, a broken link, a missing anchor), 2 no evidence branch or git error.',
  ].join('\n'),
  async run({ values }, io) {
    const format = pickFormat(values.format, formats);
    const { code, verification } = await runEvidenceVerification(values, io);
    if (!verification) return code;
    const v = verification;
    if (format === 'json') writeJson(io, { ref: v.ref, commit: v.commit, records: v.records, head: v.head, intact: v.problems.length === 0, problems: v.problems });
    else if (v.problems.length === 0) io.stdout(`${io.style.green('ok')} ${v.records} evidence record${v.records === 1 ? '' : 's'} on \`${v.ref}\` (${v.commit.slice(0, 12)}): the chain and its history are intact; head ${v.head ?? 'none'}.\n`);
    else {
      const lines = v.problems.map((p) => formatChainProblem(p, io));
      io.stdout(`${lines.join('\n')}\n${v.problems.length} problem${v.problems.length === 1 ? '' : 's'} in ${v.records} evidence records on \`${v.ref}\` (${v.commit.slice(0, 12)}).\n`);
    }
    return code;
  },
};
