import { verifyChain, type EvidenceRecord } from '@evident/core';
import path from 'node:path';
import type { CliIo } from './cli-io.js';
import type { OptionSpec } from './command.js';
import { remoteOption } from './github-session.js';

/** Options of commands that read evidence records. */
export const evidenceRecordOptions: Record<string, OptionSpec> = {
  records: { type: 'string', value: 'DIR', description: 'Read evidence records from DIR/records/*.json (a checkout of the evidence branch).' },
  'evidence-branch': { type: 'boolean', description: 'Fetch the evidence branch from the remote and read its records.' },
  remote: remoteOption,
};

/** Where records are read from: a checkout of the evidence branch, or the branch on a remote of the repository at `root`. */
export type RecordSource = { directory: string } | { root: string; remote: string; branch: string };

export interface ReadRecordsOptions {
  /** What is read, for the progress line: `evidence records`, `acknowledgments`. */
  label: string;
  /** A remote without the evidence branch is a warning and no records, rather than an error. */
  allowMissingBranch?: boolean;
}

/**
 * The records of a checkout or of the evidence branch. A broken chain is reported on stderr;
 * its records are still read. Git faults are thrown (see reportEnvironmentFault).
 */
export async function readEvidenceRecords(source: RecordSource, io: CliIo, options: ReadRecordsOptions): Promise<EvidenceRecord[]> {
  // Loaded on demand: commands that read no records never load the GitHub and git clients.
  const { EvidenceBranchError, readEvidenceChain, readRecordsFromDirectory } = await import('@evident/github');
  let onDisk;
  if ('directory' in source) {
    onDisk = await readRecordsFromDirectory(source.directory);
  } else {
    const { simpleGit } = await import('simple-git');
    io.stderr(`Reading ${options.label} from \`${source.remote}/${source.branch}\`\n`);
    try {
      onDisk = await readEvidenceChain(simpleGit(source.root), { remote: source.remote, branch: source.branch });
    } catch (error) {
      if (!options.allowMissingBranch || !(error instanceof EvidenceBranchError) || !/No evidence branch/.test(error.message)) throw error;
      io.stderr(`${io.errStyle.yellow('warning')} ${error.message}\n`);
      return [];
    }
  }
  for (const problem of [...onDisk.unreadable, ...verifyChain(onDisk.stored)]) io.stderr(`${io.errStyle.yellow('warning')} ${problem.message}\n`);
  return onDisk.stored.map((s) => s.record);
}

/** The records named by --records or --evidence-branch (see evidenceRecordOptions), or undefined when neither is given. */
export async function loadEvidenceRecords(values: Record<string, unknown>, root: string, branch: string, io: CliIo): Promise<EvidenceRecord[] | undefined> {
  if (typeof values.records !== 'string' && values['evidence-branch'] !== true) return undefined;
  const source: RecordSource = typeof values.records === 'string' ? { directory: path.resolve(io.cwd, values.records) } : { root, remote: typeof values.remote === 'string' ? values.remote : 'origin', branch };
  return readEvidenceRecords(source, io, { label: 'evidence records' });
}
