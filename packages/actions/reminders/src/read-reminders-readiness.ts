import { readPolicyContents } from '@evident/bundle/policy-contents';
import { computeReadiness, policyHistoryPeriod, readCheckedModel, type EvidenceRecord, type ReadinessReport, type RepositoryModel } from '@evident/core';
import { readRecordsFromDirectory, recordsBranchMismatch } from '@evident/github';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { countedRecords } from './counted-records.js';

export interface RemindersReadinessOptions {
  /** The checkout of the program (evident.yaml at its root), with the default branch's history: `fetch-depth: 0`. */
  root: string;
  /** A checkout of the evidence branch. Undefined, or a folder without `records/`, before the first collection. */
  recordsDir?: string;
  /** Today as YYYY-MM-DD: the clock is a parameter. */
  today: string;
  /** The workflow named when the records checkout is not of the branch evident.yaml names. */
  workflowFile: string;
  info(line: string): void;
  warning(line: string): void;
}

/**
 * The program and its readiness on `today`, computed as `evident status` computes it: the records of
 * the evidence branch's checkout (with `evidence.signing`, only those whose signature checks out), and
 * the policies' git history read as the bundle reads it (`readPolicyContents`), so that an
 * acknowledgment deadline counts from the commit that introduced a policy version and a backdated or
 * reused version number is an exception. The same repository, records and date give `evident status
 * --records DIR`'s figure (without records: `evident status`'s). A shallow checkout has no such
 * history: readiness then goes by the policies' frontmatter alone, with a warning. Throws when the
 * records checkout is not of evident.yaml's `evidence.branch`.
 */
export async function readRemindersReadiness(options: RemindersReadinessOptions): Promise<{ model: RepositoryModel; report: ReadinessReport }> {
  const { root, recordsDir, today } = options;
  const model = await readCheckedModel(root, today);

  let records: EvidenceRecord[] | undefined;
  if (recordsDir && existsSync(path.join(recordsDir, 'records'))) {
    const mismatch = recordsBranchMismatch(model.config.evidence.branch, checkedOutBranch(recordsDir), options.workflowFile);
    if (mismatch) throw new Error(mismatch);
    const onDisk = await readRecordsFromDirectory(recordsDir);
    for (const problem of onDisk.unreadable) options.warning(problem.message);
    records = await countedRecords(onDisk, model.config.evidence.signing, options.warning);
    options.info(`Read ${onDisk.stored.length} evidence records from ${recordsDir}${records.length < onDisk.stored.length ? `, ${records.length} of them counted` : ''}`);
  } else {
    options.info('No evidence records yet (the first collection creates the evidence branch): occurrences met by collected records (populations, branch rules, access reviews) count as missing; policy approvals and acknowledgments are not assessed.');
  }

  // The assessed period as `evident status` takes it without --period.
  const assessed = policyHistoryPeriod(model.config.audit);
  const { contents: policyContents, falseEvidence, note } = assessed ? await readPolicyContents(root, model, assessed) : {};
  // A note: the checkout is shallow (readPolicyContents decides), and readiness goes by the frontmatter.
  if (note) {
    options.warning(
      `The checkout of ${root} is shallow, so the policies' git history is not read and readiness goes by their frontmatter alone (it can differ from \`evident status\` and the bundle): check out with \`fetch-depth: 0\` (${options.workflowFile}).`,
    );
  }
  const report = computeReadiness(model, { today, ...(records ? { records } : {}), ...(policyContents ? { policyContents } : {}), ...(falseEvidence ? { falseEvidence } : {}) });
  return { model, report };
}

/** The branch a checkout is on (`HEAD` when detached), or undefined when git cannot tell. */
function checkedOutBranch(dir: string): string | undefined {
  return git(dir, ['rev-parse', '--abbrev-ref', 'HEAD']);
}

function git(dir: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}
