import { CONFIG_FILE, createValidators, loadConfig, type SignatureReport, type SigningConfig } from '@evident/core';
import type { EvidenceVerification, GitHubCrossCheck } from '@evident/github';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliIo } from './cli-io.js';
import { resolveRoot } from './common-options.js';
import { ExitCode, UsageError, type ExitCodeValue } from './exit-codes.js';
import { openGitHubSession } from './github-session.js';
import { reportEnvironmentFault } from './report-environment-fault.js';
import { trustedRootFiles } from './trusted-root-files.js';

/** The evidence branch named by evident.yaml (or `evidence` when there is none to read) and the signing keys it trusts. */
async function configuredEvidence(root: string): Promise<{ branch: string; signing?: SigningConfig }> {
  const text = await readFile(path.join(root, CONFIG_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return { branch: 'evidence' };
  const evidence = loadConfig({ path: CONFIG_FILE, text }, createValidators()).config?.evidence;
  return { branch: evidence?.branch ?? 'evidence', ...(evidence?.signing ? { signing: evidence.signing } : {}) };
}

export interface EvidenceVerificationRun {
  /** 0 when the chain and its history are intact, 1 on any finding, 2 when the branch cannot be read (said on stderr). */
  code: ExitCodeValue;
  verification?: EvidenceVerification;
  /** Every record's signature checked against evident.yaml `evidence.signing` (when the branch could be read). */
  signatures?: SignatureReport;
  remote: string;
  branch: string;
}

/** The `--anchor` values: record hashes (64 lowercase hex digits), as the bundle manifest's `evidence_chain.head`. */
function anchorsFrom(value: unknown): string[] {
  const anchors = (Array.isArray(value) ? value : typeof value === 'string' ? [value] : []).map((a) => String(a).trim().toLowerCase());
  for (const anchor of anchors) {
    if (!/^[0-9a-f]{64}$/.test(anchor)) throw new UsageError(`Unexpected --anchor \`${anchor}\`, expected a record hash (64 hex digits, e.g. \`evidence_chain.head\` of a bundle's manifest.json)`);
  }
  return anchors;
}

/**
 * Verify the evidence branch, its history included (--remote, --branch, or --ref instead of
 * fetching; --anchor hashes that must still be on the chain), as `evident evidence verify` and a
 * bare `evident verify` do.
 */
export async function runEvidenceVerification(values: Record<string, unknown>, io: CliIo): Promise<EvidenceVerificationRun> {
  const anchors = anchorsFrom(values.anchor);
  const root = resolveRoot(values, io);
  const configured = await configuredEvidence(root);
  const branch = typeof values.branch === 'string' ? values.branch : configured.branch;
  const remote = typeof values.remote === 'string' ? values.remote : 'origin';
  const rootFiles = await trustedRootFiles(values, io);
  const [{ verifyEvidenceBranch, verifyEvidenceSignatures }, { keylessRecordVerifier, trustedRootsWith }, { simpleGit }] = await Promise.all([import('@evident/github'), import('@evident/sigstore'), import('simple-git')]);
  io.stderr(`Verifying evidence records on ${typeof values.ref === 'string' ? `\`${values.ref}\`` : `\`${remote}/${branch}\``}\n`);
  try {
    const git = simpleGit(root);
    const verification = await verifyEvidenceBranch(git, { remote, branch, anchors, ...(typeof values.ref === 'string' ? { ref: values.ref } : {}) });
    const signatures = await verifyEvidenceSignatures(git, verification.commit, { remote, branch }, configured.signing, keylessRecordVerifier(trustedRootsWith(rootFiles)));
    const code = verification.problems.length || !signatures.ok ? ExitCode.findings : ExitCode.ok;
    return { code, verification, signatures, remote, branch };
  } catch (error) {
    return { code: await reportEnvironmentFault(error, io, 'Nothing was verified.'), remote, branch };
  }
}

/** The GitHub cross-check as `evident evidence verify --format json` reports it: its outcome per record, or why it did not run. */
export type CrossCheckReport = ({ ran: true } & GitHubCrossCheck) | { ran: false; reason: string };

export interface CrossCheckRun {
  /** 0 when every record checked was confirmed (or the check did not run), 1 when any was not, 2 when GitHub or git failed (said on stderr). */
  code: ExitCodeValue;
  report: CrossCheckReport;
}

/** OWNER/NAME from a GitHub remote URL (`https://host/OWNER/NAME.git`, `git@host:OWNER/NAME.git`); undefined for anything else, such as a path. */
export function repositoryFromRemoteUrl(url: string): string | undefined {
  const match = /^(?:https?|ssh|git):\/\/(?:[^@/\s]+@)?[^/\s]+\/([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/.exec(url) ?? /^[^@/\s]+@[^:/\s]+:([^/\s]+)\/([^/\s]+?)(?:\.git)?$/.exec(url);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

/** Whether and against which repository to cross-check: `repo` to run, or why not. */
export type CrossCheckPlan = { repo: string } | { reason: string };

/**
 * Decide on the GitHub cross-check before anything is verified, so that a usage error stops the
 * command at once: automatic when GITHUB_TOKEN is set, required by --github, skipped by
 * --no-github. The repository is --repo, else GITHUB_REPOSITORY, else the remote's GitHub URL.
 */
export async function planGitHubCrossCheck(values: Record<string, unknown>, io: CliIo): Promise<CrossCheckPlan> {
  const required = values.github === true;
  if (required && values['no-github'] === true) throw new UsageError('Unexpected `--github` with `--no-github`, expected one of them');
  if (values['no-github'] === true) return { reason: '--no-github' };
  if (!io.env.GITHUB_TOKEN?.trim()) {
    if (required) throw new UsageError('Unexpected `--github` without GITHUB_TOKEN, expected a token that can read pull requests and contents of the repository');
    return { reason: 'no GITHUB_TOKEN' };
  }
  const remote = typeof values.remote === 'string' ? values.remote : 'origin';
  let repo = typeof values.repo === 'string' ? values.repo : io.env.GITHUB_REPOSITORY?.trim() || undefined;
  if (!repo) {
    const { simpleGit } = await import('simple-git');
    repo = repositoryFromRemoteUrl((await simpleGit(resolveRoot(values, io)).remote(['get-url', remote]).catch(() => '')) || '');
  }
  if (repo) return { repo };
  if (required) throw new UsageError(`No repository for the GitHub cross-check: pass --repo OWNER/NAME or set GITHUB_REPOSITORY (remote \`${remote}\` is not a GitHub URL)`);
  return { reason: 'no repository (pass --repo OWNER/NAME or set GITHUB_REPOSITORY)' };
}

/**
 * Cross-check every record on the verified commit with GitHub (approvals, acknowledgments,
 * exceptions, change populations), as planned by planGitHubCrossCheck. GitHub or git failing
 * after retries is said on stderr and reported as not run.
 */
export async function runGitHubCrossCheck(values: Record<string, unknown>, plan: CrossCheckPlan, run: Required<Pick<EvidenceVerificationRun, 'verification' | 'remote' | 'branch'>>, io: CliIo): Promise<CrossCheckRun> {
  if ('reason' in plan) return { code: ExitCode.ok, report: { ran: false, reason: plan.reason } };
  const { verification, remote, branch } = run;
  const [github, { simpleGit }] = await Promise.all([import('@evident/github'), import('simple-git')]);
  const git = simpleGit(resolveRoot(values, io));
  const session = await openGitHubSession({ ...values, repo: plan.repo }, io);
  const api = io.env.GITHUB_API_URL?.trim() || 'https://api.github.com';
  try {
    const chain = await github.readEvidenceChain(git, { ref: verification.commit, remote, branch });
    session.progress(`Cross-checking ${chain.stored.length} evidence record${chain.stored.length === 1 ? '' : 's'} with GitHub (${api})`);
    const result = await github.crossCheckEvidence(session.client, chain.stored.map((s) => s.record), { repository: session.repository, git, remote, api, now: io.now, onProgress: session.progress });
    return { code: result.not_confirmed > 0 ? ExitCode.findings : ExitCode.ok, report: { ran: true, ...result } };
  } catch (error) {
    const code = await reportEnvironmentFault(error, io, 'The GitHub cross-check did not complete: no record was confirmed.');
    return { code, report: { ran: false, reason: github.firstLine(error instanceof Error ? error.message : String(error)) } };
  }
}
