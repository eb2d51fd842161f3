import { CONFIG_FILE, createValidators, loadConfig } from '@evident/core';
import type { EvidenceVerification } from '@evident/github';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliIo } from './cli-io.js';
import { resolveRoot } from './common-options.js';
import { ExitCode, UsageError, type ExitCodeValue } from './exit-codes.js';
import { reportEnvironmentFault } from './report-environment-fault.js';

/** The evidence branch named by evident.yaml, or `evidence` when there is none to read. */
async function configuredBranch(root: string): Promise<string> {
  const text = await readFile(path.join(root, CONFIG_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return 'evidence';
  return loadConfig({ path: CONFIG_FILE, text }, createValidators()).config?.evidence.branch ?? 'evidence';
}

export interface EvidenceVerificationRun {
  /** 0 when the chain and its history are intact, 1 on any finding, 2 when the branch cannot be read (said on stderr). */
  code: ExitCodeValue;
  verification?: EvidenceVerification;
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
  const branch = typeof values.branch === 'string' ? values.branch : await configuredBranch(root);
  const remote = typeof values.remote === 'string' ? values.remote : 'origin';
  const [{ verifyEvidenceBranch }, { simpleGit }] = await Promise.all([import('@evident/github'), import('simple-git')]);
  io.stderr(`Verifying evidence records on ${typeof values.ref === 'string' ? `\`${values.ref}\`` : `\`${remote}/${branch}\``}\n`);
  try {
    const verification = await verifyEvidenceBranch(simpleGit(root), { remote, branch, anchors, ...(typeof values.ref === 'string' ? { ref: values.ref } : {}) });
    return { code: verification.problems.length ? ExitCode.findings : ExitCode.ok, verification, remote, branch };
  } catch (error) {
    return { code: await reportEnvironmentFault(error, io, 'Nothing was verified.'), remote, branch };
  }
}
