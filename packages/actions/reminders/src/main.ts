import * as core from '@actions/core';
import { computeReadiness, EVIDENT_VERSION, formatReadinessMarkdown, readCheckedModel } from '@evident/core';
import { createOctokit, describeRetries, parseRepositoryName, readRecordsFromDirectory, recordsBranchMismatch, syncReminders } from '@evident/github';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const TOOL_VERSION = EVIDENT_VERSION;

/** The reminders action: the readiness of today, reminder issues in sync with it, the readiness in the summary. */
async function main(): Promise<void> {
  const env = process.env;
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const token = core.getInput('token', { required: true });
  const repository = parseRepositoryName(core.getInput('repository') || env.GITHUB_REPOSITORY || '');
  if (!repository) throw new Error('Unexpected `repository` input, expected OWNER/NAME');
  const leadDays = Number(core.getInput('lead-days') || '14');
  if (!Number.isInteger(leadDays) || leadDays < 0 || leadDays > 365) throw new Error(`Unexpected \`lead-days\` input \`${core.getInput('lead-days')}\`, expected a whole number of days from 0 to 365`);
  const today = new Date().toISOString().slice(0, 10);
  const model = await readCheckedModel(path.resolve(workspace, core.getInput('root') || '.'), today);

  const recordsInput = core.getInput('records');
  const recordsDir = recordsInput ? path.resolve(workspace, recordsInput) : undefined;
  let records;
  if (recordsDir && existsSync(path.join(recordsDir, 'records'))) {
    const mismatch = recordsBranchMismatch(model.config.evidence.branch, checkedOutBranch(recordsDir), '.github/workflows/reminders.yml');
    if (mismatch) throw new Error(mismatch);
    const onDisk = await readRecordsFromDirectory(recordsDir);
    for (const problem of onDisk.unreadable) core.warning(problem.message);
    records = onDisk.stored.map((s) => s.record);
    core.info(`Read ${records.length} evidence records from ${recordsInput}`);
  } else {
    core.info('No evidence records yet: occurrences met by records (approvals, populations) count as missing.');
  }
  const report = computeReadiness(model, { today, ...(records ? { records } : {}) });

  const client = createOctokit({ token, baseUrl: env.GITHUB_API_URL || 'https://api.github.com', userAgent: `evident-action/${TOOL_VERSION}`, ...describeRetries((line) => core.info(line)) });
  const synced = await syncReminders(client, report, { repository, people: model.people, teams: model.teams, leadDays, dryRun: /^true$/i.test(core.getInput('dry-run')), onProgress: (line) => core.info(line) });
  const { plan } = synced;
  core.info(`${plan.create.length} issues opened, ${plan.update.length} updated, ${plan.close.length} closed`);
  core.setOutput('created', JSON.stringify(synced.created));
  core.setOutput('updated', JSON.stringify(synced.updated));
  core.setOutput('closed', JSON.stringify(synced.closed));
  const summary = formatReadinessMarkdown(report);
  if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary).write();
  else core.info(summary);
}

/** The branch a checkout is on (`HEAD` when detached), or undefined when git cannot tell. */
function checkedOutBranch(dir: string): string | undefined {
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', '--abbrev-ref', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

main().catch((error: unknown) => core.setFailed(error instanceof Error ? error.message : String(error)));
