import { CONFIG_FILE, createValidators, loadConfig } from '@evident/core';
import type { EvidenceVerification } from '@evident/github';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliIo } from './cli-io.js';
import { resolveRoot } from './common-options.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import { reportEnvironmentFault } from './report-environment-fault.js';

/** The evidence branch named by evident.yaml, or `evidence` when there is none to read. */
async function configuredBranch(root: string): Promise<string> {
  const text = await readFile(path.join(root, CONFIG_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return 'evidence';
  return loadConfig({ path: CONFIG_FILE, text }, createValidators()).config?.evidence.branch ?? 'evidence';
}

export interface EvidenceVerificationRun {
  /** 0 when the chain is intact, 1 when any record is bad, 2 when the branch cannot be read (said on stderr). */
  code: ExitCodeValue;
  verification?: EvidenceVerification;
  remote: string;
  branch: string;
}

/**
 * Verify the hash chain of the evidence branch (--remote, --branch, or --ref instead of
 * fetching), as `evident evidence verify` and a bare `evident verify` do.
 */
export async function runEvidenceVerification(values: Record<string, unknown>, io: CliIo): Promise<EvidenceVerificationRun> {
  const root = resolveRoot(values, io);
  const branch = typeof values.branch === 'string' ? values.branch : await configuredBranch(root);
  const remote = typeof values.remote === 'string' ? values.remote : 'origin';
  const [{ verifyEvidenceBranch }, { simpleGit }] = await Promise.all([import('@evident/github'), import('simple-git')]);
  io.stderr(`Verifying evidence records on ${typeof values.ref === 'string' ? `\`${values.ref}\`` : `\`${remote}/${branch}\``}\n`);
  try {
    const verification = await verifyEvidenceBranch(simpleGit(root), { remote, branch, ...(typeof values.ref === 'string' ? { ref: values.ref } : {}) });
    return { code: verification.problems.length ? ExitCode.findings : ExitCode.ok, verification, remote, branch };
  } catch (error) {
    return { code: await reportEnvironmentFault(error, io, 'Nothing was verified.'), remote, branch };
  }
}
