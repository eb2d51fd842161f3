import { verifyChain, type EvidenceRecord } from '@evident/core';
import path from 'node:path';
import type { CliIo } from './cli-io.js';
import type { OptionSpec } from './command.js';

/** Options of commands that read evidence records. */
export const evidenceRecordOptions: Record<string, OptionSpec> = {
  records: { type: 'string', value: 'DIR', description: 'Read evidence records from DIR/records/*.json (a checkout of the evidence branch).' },
  'evidence-branch': { type: 'boolean', description: 'Fetch the evidence branch from the remote and read its records.' },
  remote: { type: 'string', value: 'NAME', description: 'Remote holding the evidence branch (default: origin).' },
};

/**
 * The records named by --records or --evidence-branch, or undefined when neither is given.
 * A broken chain is reported on stderr; its records are still read.
 */
export async function loadEvidenceRecords(values: Record<string, unknown>, root: string, branch: string, io: CliIo): Promise<EvidenceRecord[] | undefined> {
  if (typeof values.records !== 'string' && values['evidence-branch'] !== true) return undefined;
  // Loaded on demand: commands that read no records never load the GitHub and git clients.
  const { readEvidenceChain, readRecordsFromDirectory } = await import('@evident/github');
  let onDisk;
  if (typeof values.records === 'string') {
    onDisk = await readRecordsFromDirectory(path.resolve(io.cwd, values.records));
  } else {
    const { simpleGit } = await import('simple-git');
    const remote = typeof values.remote === 'string' ? values.remote : 'origin';
    io.stderr(`Reading evidence records from \`${remote}/${branch}\`\n`);
    onDisk = await readEvidenceChain(simpleGit(root), { remote, branch });
  }
  const problems = [...onDisk.unreadable, ...verifyChain(onDisk.stored)];
  for (const problem of problems) io.stderr(`${io.errStyle.yellow('warning')} ${problem.message}\n`);
  return onDisk.stored.map((s) => s.record);
}
