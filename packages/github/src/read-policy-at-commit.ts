import { parseDocument, sha256Hex, type PolicyData, type Validators } from '@evident/core';
import type { SimpleGit } from 'simple-git';
import { readFileAtCommit } from './read-file-at-commit.js';

/** A policy file as it stood at a commit: its bytes' SHA-256 and, when valid, its frontmatter. */
export interface PolicyAtCommit {
  path: string;
  commit: string;
  /** SHA-256 (hex) of the file bytes, read from git: the content an approval binds to. */
  sha256: string;
  /** The frontmatter, when it parsed and passed the policy schema. */
  data?: PolicyData;
  /** Why `data` is missing. */
  problem?: string;
}

/** Parse policy bytes read at a commit. Pure. */
export function policyFromBytes(bytes: Buffer, path: string, commit: string, validators: Pick<Validators, 'policy'>): PolicyAtCommit {
  const base = { path, commit, sha256: sha256Hex(bytes) };
  const parsed = parseDocument({ path, text: bytes.toString('utf8') }, 'policy');
  const data = parsed.document?.data;
  if (!data) return { ...base, problem: parsed.findings[0]?.message ?? 'the frontmatter does not parse' };
  if (!validators.policy(data)) {
    const first = validators.policy.errors?.[0];
    return { ...base, problem: `the frontmatter does not match the policy schema (${first?.instancePath || '/'} ${first?.message ?? ''})`.trim() };
  }
  return { ...base, data: data as unknown as PolicyData };
}

/** Read a policy at a commit from git; undefined when the file does not exist there. */
export async function readPolicyAtCommit(git: SimpleGit, commit: string, path: string, validators: Pick<Validators, 'policy'>): Promise<PolicyAtCommit | undefined> {
  const bytes = await readFileAtCommit(git, commit, path);
  return bytes ? policyFromBytes(bytes, path, commit, validators) : undefined;
}
