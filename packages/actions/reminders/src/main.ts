import * as core from '@actions/core';
import { EVIDENT_VERSION, formatReadinessMarkdown } from '@evident/core';
import { createOctokit, describeRetries, parseRepositoryName, syncReminders } from '@evident/github';
import path from 'node:path';
import { readRemindersReadiness } from './read-reminders-readiness.js';

const TOOL_VERSION = EVIDENT_VERSION;

/** The reminders action: the readiness of today (as `evident status` computes it), reminder issues in sync with it, the readiness in the summary. */
async function main(): Promise<void> {
  const env = process.env;
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const token = core.getInput('token', { required: true });
  const repository = parseRepositoryName(core.getInput('repository') || env.GITHUB_REPOSITORY || '');
  if (!repository) throw new Error('Unexpected `repository` input, expected OWNER/NAME');
  const leadDays = Number(core.getInput('lead-days') || '14');
  if (!Number.isInteger(leadDays) || leadDays < 0 || leadDays > 365) throw new Error(`Unexpected \`lead-days\` input \`${core.getInput('lead-days')}\`, expected a whole number of days from 0 to 365`);
  const today = new Date().toISOString().slice(0, 10);
  const recordsInput = core.getInput('records');
  const { model, report } = await readRemindersReadiness({
    root: path.resolve(workspace, core.getInput('root') || '.'),
    ...(recordsInput ? { recordsDir: path.resolve(workspace, recordsInput) } : {}),
    today,
    workflowFile: '.github/workflows/reminders.yml',
    info: (line) => core.info(line),
    warning: (line) => core.warning(line),
  });

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

main().catch((error: unknown) => core.setFailed(error instanceof Error ? error.message : String(error)));
