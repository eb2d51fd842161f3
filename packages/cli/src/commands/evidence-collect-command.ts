import type { CollectResult } from '@evident/github';
import type { Command } from '../command.js';
import { formatOption, pickFormat, resolveRoot, resolveToday, rootOption } from '../common-options.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { recordSignerFrom } from '../record-signer-from.js';
import { committerFrom, GITHUB_ENVIRONMENT_HELP, openGitHubSession, repoOption } from '../github-session.js';
import { loadRepositoryModel } from '../load-checked-repository.js';
import { reportEnvironmentFault } from '../report-environment-fault.js';
import { VERSION } from '../version.js';
import { writeJson } from '../write-json.js';

const formats = ['text', 'json'] as const;

export const evidenceCollectCommand: Command = {
  name: 'evidence collect',
  summary: 'Record the approvals of a merged policy change, or the acknowledgments of an acknowledgment pull request, on the evidence branch.',
  usage: 'evident evidence collect --pr N [--repo OWNER/NAME] [--root DIR] [--remote NAME] [--branch NAME] [--format text|json]',
  options: {
    pr: { type: 'string', value: 'N', description: 'Pull request number.' },
    repo: repoOption,
    root: rootOption,
    remote: { type: 'string', value: 'NAME', description: 'Git remote of the evidence branch (default: origin).' },
    branch: { type: 'string', value: 'NAME', description: 'Evidence branch (default: evident.yaml `evidence.branch`, else `evidence`).' },
    format: formatOption(formats),
  },
  details: [
    'Reads the pull request, its files and every review from GitHub, hashes each policy file from git at the approved',
    'commit, decides which approvals count, and appends records (approvals, acknowledgments and exceptions) to the',
    'evidence branch. A record already there with the same facts is skipped, so collecting twice adds nothing; one already',
    'there with other facts is not replaced: a conflicting-record exception names it, and the command exits 1.',
    GITHUB_ENVIRONMENT_HELP,
    'Exit codes: 0 recorded (or nothing to record), 1 a merged policy lacks a required approval (recorded as exceptions) or a record on the branch conflicts,',
    '2 usage, configuration or environment error (GitHub or git unavailable): then no record is written.',
    'EVIDENT_SIGNING_KEY (optional, never printed): an Ed25519 private key (PKCS#8 PEM) that signs each record (`records/….sig.json`);',
    'EVIDENT_SIGSTORE=github|public-good (optional, in a GitHub Actions job with `id-token: write`): sign keyless with the run\'s identity instead,',
    'the key being the fallback (EVIDENT_SIGSTORE_URLS for a private Sigstore deployment);',
    'without either each record is marked unsigned, with the reason (docs/evidence.md#signed-records).',
  ].join('\n'),
  async run({ values }, io) {
    const format = pickFormat(values.format, formats);
    if (typeof values.pr !== 'string' || !/^[1-9]\d*$/.test(values.pr)) throw new UsageError(`Unexpected --pr \`${String(values.pr ?? '')}\`, expected a pull request number`);
    const root = resolveRoot(values, io);
    const session = await openGitHubSession(values, io);
    const checked = await loadRepositoryModel(root, resolveToday(values, io), io, { json: format === 'json' });
    if (!checked) return ExitCode.usage;
    const [{ collectEvidence }, { simpleGit }] = await Promise.all([import('@evident/github'), import('simple-git')]);
    let result: CollectResult;
    try {
      result = await collectEvidence(session.client, {
        repository: session.repository,
        pullNumber: Number(values.pr),
        model: checked.model,
        git: simpleGit(root),
        ...(typeof values.remote === 'string' ? { remote: values.remote } : {}),
        ...(typeof values.branch === 'string' ? { branch: values.branch } : {}),
        committer: committerFrom(io),
        // Signed with EVIDENT_SIGNING_KEY when set (never printed); otherwise each record is marked unsigned, with the reason.
        sign: await recordSignerFrom(io, 'evident evidence collect'),
        now: () => io.now(),
        toolVersion: VERSION,
        onProgress: session.progress,
      });
    } catch (error) {
      return reportEnvironmentFault(error, io, 'No evidence record was written.');
    }
    if (format === 'json') writeJson(io, jsonReport(result, session.repository, Number(values.pr)));
    else io.stdout(formatText(result, Number(values.pr)));
    return result.unapproved.length > 0 || (result.append?.conflicts.length ?? 0) > 0 ? ExitCode.findings : ExitCode.ok;
  },
};

function jsonReport(result: CollectResult, repository: { owner: string; repo: string }, pr: number) {
  return {
    repository: `${repository.owner}/${repository.repo}`,
    pull_request: pr,
    kind: result.kind,
    ...(result.reason ? { reason: result.reason } : {}),
    appended: (result.append?.appended ?? []).map(({ file, record }) => ({ file, id: record.id, kind: record.kind, sequence: record.sequence, hash: record.hash })),
    skipped: result.append?.skipped ?? [],
    conflicts: result.append?.conflicts ?? [],
    commit: result.append?.commit ?? null,
    unapproved: result.unapproved,
  };
}

function formatText(result: CollectResult, pr: number): string {
  if (!result.append) return `Pull request #${pr}: nothing recorded (${result.reason ?? 'nothing to record'}).\n`;
  const lines = [`Pull request #${pr}: ${result.kind === 'policy-approval' ? 'policy approval' : result.kind === 'access-review-approval' ? 'access review sign-off' : 'policy acknowledgments'}`];
  for (const { file, record } of result.append.appended) {
    const reason = record.kind === 'exception' ? ` (${(record.subject as { reason: string }).reason})` : '';
    lines.push(`  added    ${file}${reason}`);
  }
  for (const id of result.append.skipped) lines.push(`  skipped  ${id} (already recorded)`);
  for (const c of result.append.conflicts) lines.push(`  conflict ${c.id}: record ${c.sequence} (${c.file}) on the evidence branch says otherwise in ${c.differences.join(', ')}`);
  lines.push(result.append.commit ? `Evidence commit ${result.append.commit}.` : 'Nothing new: every record was already on the evidence branch.');
  if (result.append.conflicts.length) lines.push('Records already on the evidence branch contradict what GitHub says: see the conflicting-record exceptions.');
  for (const policy of result.unapproved) lines.push(`Policy \`${policy}\` was merged without every required approval: see the exception records.`);
  return lines.join('\n') + '\n';
}
