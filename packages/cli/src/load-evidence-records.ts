import { checkRecordSignatures, createValidators, printable, SIGNATURE_FINDINGS, verifyChain, type EvidenceRecord, type SigningConfig } from '@evident/core';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { CliIo } from './cli-io.js';
import { EvidenceHistoryError } from './evidence-history-error.js';
import type { OptionSpec } from './command.js';
import { UsageError } from './exit-codes.js';
import { remoteOption } from './github-session.js';

/** The folder of a checkout of the evidence branch that holds the records (RECORDS_DIR of @evident/github, not loaded up front). */
const RECORDS_FOLDER = 'records';

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
  /** An evidence branch not created yet (on neither the remote nor this clone) is a note and no records, rather than an error. */
  allowMissingBranch?: boolean;
  /**
   * evident.yaml `evidence.signing`: each record's signature is checked offline, and a record whose
   * check is a finding (unsigned where signing is required, a bad or unknown signature) is left out
   * with a warning, as the bundle leaves it out.
   */
  signing?: SigningConfig;
}

/**
 * The records of a checkout or of the evidence branch. A checkout without a `records/` folder
 * (a mistyped --records DIR) is a usage error, not an empty chain. The evidence branch's history is
 * walked commit by commit (`verifyEvidenceCommit`, as `evident evidence verify` does): a commit that
 * did anything but add records on top of the chain throws `EvidenceHistoryError` naming every problem.
 * A broken chain in a checkout (which has no history to walk) is reported on stderr; its records are still read. With `signing`, records whose signature check is a finding are left
 * out, each named on stderr. Git faults are thrown (see reportEnvironmentFault).
 */
export async function readEvidenceRecords(source: RecordSource, io: CliIo, options: ReadRecordsOptions): Promise<EvidenceRecord[]> {
  // Loaded on demand: commands that read no records never load the GitHub and git clients.
  const { EvidenceBranchError, readEvidenceChain, readRecordsFromDirectory, verifyEvidenceCommit } = await import('@evident/github');
  let onDisk;
  if ('directory' in source) {
    await requireRecordsFolder(source.directory);
    onDisk = await readRecordsFromDirectory(source.directory);
  } else {
    const { simpleGit } = await import('simple-git');
    io.stderr(`Reading ${options.label} from \`${source.remote}/${source.branch}\`\n`);
    try {
      const git = simpleGit(source.root);
      onDisk = await readEvidenceChain(git, { remote: source.remote, branch: source.branch });
      const history = await verifyEvidenceCommit(git, onDisk.commit);
      if (history.problems.length > 0) throw new EvidenceHistoryError(`${source.remote}/${source.branch}`, onDisk.commit, history.problems);
    } catch (error) {
      // Only a branch that is on neither the remote nor this clone (`fetchEvidenceBranch` found no ref) is "not created yet";
      // a branch this clone has seen and the remote no longer has, or whose history is broken, is still thrown.
      if (!options.allowMissingBranch || !(error instanceof EvidenceBranchError) || !/No evidence branch/.test(error.message)) throw error;
      io.stderr(missingBranchNote(source, options.label, io));
      return [];
    }
  }
  for (const problem of [...onDisk.unreadable, ...verifyChain(onDisk.stored)]) io.stderr(`${io.errStyle.yellow('warning')} ${problem.message}\n`);
  if (!options.signing) return onDisk.stored.map((s) => s.record);
  // Keyless signatures are verified offline against the shipped Sigstore root, loaded only when configured.
  const keyless = options.signing.keyless ? await import('@evident/sigstore').then(({ keylessRecordVerifier, trustedRootsWith }) => keylessRecordVerifier(trustedRootsWith([]))) : undefined;
  const report = checkRecordSignatures(onDisk.stored, onDisk.signatures, options.signing, createValidators().evidenceSignature, keyless);
  const untrusted = new Set<string>();
  for (const check of report.records) {
    if (!SIGNATURE_FINDINGS.has(check.status)) continue;
    untrusted.add(check.file);
    io.stderr(`${io.errStyle.yellow('warning')} Record ${printable(check.file)} is not counted: ${printable(check.message)}\n`);
  }
  return onDisk.stored.filter((s) => !untrusted.has(s.file)).map((s) => s.record);
}

/**
 * The records named by --records or --evidence-branch (see evidenceRecordOptions), or undefined when neither is given.
 * With `allowMissingBranch`, an evidence branch not created yet is no records and a note (see readEvidenceRecords).
 */
export async function loadEvidenceRecords(
  values: Record<string, unknown>,
  root: string,
  evidence: { branch: string; signing?: SigningConfig },
  io: CliIo,
  options: { allowMissingBranch?: boolean } = {},
): Promise<EvidenceRecord[] | undefined> {
  if (typeof values.records !== 'string' && values['evidence-branch'] !== true) return undefined;
  const source: RecordSource = typeof values.records === 'string' ? { directory: path.resolve(io.cwd, values.records) } : { root, remote: typeof values.remote === 'string' ? values.remote : 'origin', branch: evidence.branch };
  return readEvidenceRecords(source, io, { label: 'evidence records', ...(options.allowMissingBranch ? { allowMissingBranch: true } : {}), ...(evidence.signing ? { signing: evidence.signing } : {}) });
}

/**
 * The one line said when the evidence branch does not exist yet: not a failure, since the first
 * collection creates it (docs/evidence.md, "Setting up the evidence branch"), but the result counts no records.
 */
function missingBranchNote(source: { remote: string; branch: string }, label: string, io: CliIo): string {
  return (
    `${io.errStyle.yellow('note')} No evidence branch \`${printable(source.branch)}\` on remote \`${printable(source.remote)}\` or in this clone yet, so no ${label} are read: ` +
    'the first collection creates it (`evident evidence collect`, run by .github/workflows/evidence.yml; docs/evidence.md, "Setting up the evidence branch")\n'
  );
}

/**
 * A --records DIR must hold a `records/` folder: a wrong path would otherwise read as an evidence
 * branch with nothing on it. An existing, empty `records/` folder is a valid empty chain.
 */
async function requireRecordsFolder(directory: string): Promise<void> {
  const folder = path.join(directory, RECORDS_FOLDER);
  const found = await stat(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw error;
  });
  if (found?.isDirectory()) return;
  const what = (await stat(directory).catch(() => undefined)) ? `has no \`${RECORDS_FOLDER}/\` folder` : 'does not exist';
  throw new UsageError(`Unexpected --records ${printable(directory)}: it ${what}, expected a checkout of the evidence branch (records in DIR/${RECORDS_FOLDER}/*.json)`);
}
