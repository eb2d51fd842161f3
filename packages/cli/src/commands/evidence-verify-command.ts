import { printable, type ChainProblem } from '@evident/core';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { formatOption, pickFormat, rootOption, trustedRootOption } from '../common-options.js';
import { repoOption } from '../github-session.js';
import { planGitHubCrossCheck, runEvidenceVerification, runGitHubCrossCheck, type CrossCheckReport } from '../run-evidence-verification.js';
import { formatSignatureReport, signaturesWorthSaying } from '../format-signature-report.js';
import { writeJson } from '../write-json.js';
import { counted } from '../counted.js';

const formats = ['text', 'json'] as const;

/** One line per finding: kind, commit, record file, message (file names and messages quote the branch: escaped). */
export function formatChainProblem(p: ChainProblem, io: Pick<CliIo, 'style'>): string {
  return `${io.style.red(p.problem.padEnd(14))} ${p.commit ? `${p.commit.slice(0, 12)} ` : ''}${p.file ? `${printable(p.file)}  ` : ''}${printable(p.message)}`;
}

/** The cross-check in text: a line per difference and per record not checked, then the counts; or why it did not run (on stderr). */
function writeCrossCheck(report: CrossCheckReport, format: (typeof formats)[number], io: CliIo): void {
  if (!report.ran) {
    io.stderr(`${io.errStyle.yellow('GitHub cross-check not run')}: ${report.reason}; approvals, acknowledgments and exceptions were not confirmed with GitHub.\n`);
    return;
  }
  if (format === 'json') return;
  const lines: string[] = [];
  for (const r of report.records) {
    if (r.outcome === 'not-confirmed') lines.push(...r.reasons.map((reason) => `${io.style.red('not confirmed'.padEnd(14))} ${printable(reason)}`));
    if (r.outcome === 'not-checked') lines.push(...r.reasons.map((reason) => `${io.style.yellow('not checked'.padEnd(14))} ${printable(reason)}`));
  }
  const counts = `${report.confirmed} confirmed, ${report.not_confirmed} not confirmed, ${report.not_checked} not checked`;
  const verdict = report.not_confirmed === 0 ? io.style.green('ok') : io.style.red('not confirmed');
  io.stdout(`${lines.map((l) => `${l}\n`).join('')}${verdict} GitHub cross-check of ${report.records.length} record${report.records.length === 1 ? '' : 's'} with \`${report.repository}\` at ${report.api} (${report.checked_at}): ${counts}.\n`);
}

export const evidenceVerifyCommand: Command = {
  name: 'evidence verify',
  summary: 'Verify the evidence branch and its history: name every rewrite and every commit that modified, deleted, renamed, renumbered or inserted a record; with a token, cross-check every record with GitHub.',
  usage: 'evident evidence verify [--root DIR] [--remote NAME] [--branch NAME] [--ref REF] [--anchor HASH]... [--github | --no-github] [--repo OWNER/NAME] [--trusted-root FILE]... [--format text|json]',
  options: {
    root: rootOption,
    remote: { type: 'string', value: 'NAME', description: 'Git remote to fetch the evidence branch from (default: origin).' },
    branch: { type: 'string', value: 'NAME', description: 'Evidence branch (default: evident.yaml `evidence.branch`, else `evidence`).' },
    ref: { type: 'string', value: 'REF', description: 'Verify this local ref or commit instead of fetching the branch.' },
    anchor: { type: 'string', multiple: true, value: 'HASH', description: 'A record hash the chain must still contain, e.g. `evidence_chain.head` of an earlier bundle\'s manifest.json (repeatable).' },
    github: { type: 'boolean', description: 'Cross-check every record with GitHub, and fail (exit 2) without GITHUB_TOKEN. Default: cross-check when GITHUB_TOKEN is set.' },
    'no-github': { type: 'boolean', description: 'Do not cross-check with GitHub, even when GITHUB_TOKEN is set.' },
    repo: { ...repoOption, description: 'Repository the records must be about, on GitHub (default: GITHUB_REPOSITORY, else the remote\'s GitHub URL).' },
    'trusted-root': trustedRootOption,
    format: formatOption(formats),
  },
  details: [
    'The branch is fetched without forcing: when it no longer contains the tip verified before (refs/evident/verified/REMOTE/BRANCH)',
    'or the remote-tracking ref, the rewrite is reported with both commits and the remote tip is not adopted.',
    'Its history is walked commit by commit: each commit may only add records that match schemas/evidence-record.schema.json,',
    'recompute to their own hash, take the next sequence and name the hash of the record before. Every other change is named',
    'with its commit and record. A clean result records the tip as verified. A record\'s signature (`records/….sig.json`) may only be',
    'added with its record. Signatures (offline): every record\'s Ed25519 signature is checked against the public keys in evident.yaml',
    '`evidence.signing.keys` (unknown key, bytes edited after signing, signed outside the key\'s not_before..revoked_at); every keyless',
    '(Sigstore) signature against the shipped public-good trusted root and --trusted-root, then its certificate\'s workflow against',
    '`evidence.signing.keyless` (repository, workflow file, ref); a record recorded',
    'on or after `evidence.signing.required_from` without a signature is a finding, an earlier one is reported as unsigned (before signing was required).',
    'GitHub cross-check (when GITHUB_TOKEN is set, or with --github): every approval, acknowledgment and exception record is re-derived',
    'from the GitHub API (the pull request exists, was merged as recorded, each review exists on it with the same reviewer, state,',
    'commit and time) and each policy file is hashed from git at the commit the record names; change populations: each pull request',
    'listed exists and was merged as recorded. Every record GitHub does not confirm is named with what differs; branch rules and records',
    'naming no pull request are listed as not checked. The token needs `pull-requests: read` and `contents: read`. Without a token the',
    'cross-check does not run, and the command says so on stderr (and in --format json as `github_cross_check.ran: false`).',
    'Environment: GITHUB_TOKEN (optional; never printed), GITHUB_API_URL (default https://api.github.com), GITHUB_REPOSITORY,',
    'EVIDENT_GITHUB_RETRIES and EVIDENT_GITHUB_RETRY_DELAY_MS, as for `evident evidence collect`.',
    'Exit codes: 0 intact (and every record checked confirmed), 1 any finding (a rewrite, an altered record, a broken link, a missing anchor, a signature problem,',
    'a record GitHub does not confirm), 2 no evidence branch, git error, or GitHub failing after retries.',
  ].join('\n'),
  async run({ values }, io) {
    const format = pickFormat(values.format, formats);
    const plan = await planGitHubCrossCheck(values, io);
    const run = await runEvidenceVerification(values, io);
    const { code, verification, signatures } = run;
    if (!verification) return code;
    const v = verification;
    const cross = await runGitHubCrossCheck(values, plan, { ...run, verification }, io);
    if (format === 'json') writeJson(io, { ref: v.ref, commit: v.commit, records: v.records, head: v.head, intact: v.problems.length === 0, problems: v.problems, signatures, github_cross_check: cross.report });
    else if (v.problems.length === 0) io.stdout(`${io.style.green('ok')} ${counted(v.records, 'evidence record')} on \`${v.ref}\` (${v.commit.slice(0, 12)}): the chain and its history are intact; head ${v.head ?? 'none'}.\n`);
    else {
      const lines = v.problems.map((p) => formatChainProblem(p, io));
      io.stdout(`${lines.join('\n')}\n${counted(v.problems.length, 'problem')} in ${counted(v.records, 'evidence record')} on \`${v.ref}\` (${v.commit.slice(0, 12)}).\n`);
    }
    if (format === 'text' && signatures && signaturesWorthSaying(signatures)) io.stdout(formatSignatureReport(signatures, io));
    writeCrossCheck(cross.report, format, io);
    return Math.max(code, cross.code) as typeof code;
  },
};
