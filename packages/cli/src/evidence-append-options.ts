import type { RecordSigner } from '@evident/github';
import type { SimpleGit } from 'simple-git';
import type { CliIo } from './cli-io.js';
import { committerFrom } from './github-session.js';
import { recordSignerFrom } from './record-signer-from.js';
import { VERSION } from './version.js';

/** How a collecting command appends its records: the same for every collector. */
export interface EvidenceAppendOptions {
  now: () => Date;
  toolVersion: string;
  /** The checkout the evidence branch is written through; absent with --dry-run. */
  git?: SimpleGit;
  remote: string;
  branch: string;
  committer: { name: string; email: string };
  sign: RecordSigner;
  onProgress: (message: string) => void;
}

/**
 * The append options of a collecting `command` run in `root`: --dry-run writes nothing,
 * --remote (default origin), the evidence branch, the committer and the signer from the environment.
 */
export async function evidenceAppendOptions(values: Record<string, unknown>, io: CliIo, root: string, branch: string, progress: (message: string) => void, command: string): Promise<EvidenceAppendOptions> {
  const { simpleGit } = await import('simple-git');
  return {
    now: () => io.now(),
    toolVersion: VERSION,
    ...(values['dry-run'] === true ? {} : { git: simpleGit(root) }),
    remote: typeof values.remote === 'string' ? values.remote : 'origin',
    branch,
    committer: committerFrom(io),
    sign: await recordSignerFrom(io, command),
    onProgress: progress,
  };
}
