import * as core from '@actions/core';
import { EVIDENT_VERSION, readCheckedModel } from '@evident/core';
import { actionRecordSigner, ACTIONS_COMMITTER, collectEvidence, createOctokit, describeRetries, parseRepositoryName } from '@evident/github';
import path from 'node:path';
import { simpleGit } from 'simple-git';

/** The Evident release this action belongs to, recorded in each record's provenance. */
const TOOL_VERSION = EVIDENT_VERSION;

/** The collect-evidence action: inputs in, @evident/github in the middle, outputs out. */
async function main(): Promise<void> {
  const env = process.env;
  // The runner masks `github.token` and secrets in logs already; the token is never printed here.
  const token = core.getInput('token', { required: true });
  const sign = actionRecordSigner((name) => core.getInput(name), process.env, core);
  const repository = parseRepositoryName(core.getInput('repository') || env.GITHUB_REPOSITORY || '');
  if (!repository) throw new Error('Unexpected `repository` input, expected OWNER/NAME');
  const pullNumber = core.getInput('pull-request');
  if (!/^[1-9]\d*$/.test(pullNumber)) throw new Error(`Unexpected \`pull-request\` input \`${pullNumber}\`, expected a pull request number (run on pull_request or pull_request_review events, or pass it)`);
  const root = path.resolve(env.GITHUB_WORKSPACE ?? process.cwd(), core.getInput('root') || '.');

  const model = await readCheckedModel(root, new Date().toISOString().slice(0, 10));

  const client = createOctokit({
    token,
    baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
    userAgent: `evident-action/${TOOL_VERSION}`,
    ...describeRetries((line) => core.info(line)),
  });
  const branch = core.getInput('evidence-branch');
  const result = await collectEvidence(client, {
    repository,
    pullNumber: Number(pullNumber),
    model,
    git: simpleGit(root),
    ...(branch ? { branch } : {}),
    committer: ACTIONS_COMMITTER,
    sign,
    now: () => new Date(),
    toolVersion: TOOL_VERSION,
    onProgress: (message) => core.info(message),
  });

  const appended = result.append?.appended ?? [];
  for (const { file, record, signature } of appended) core.info(`added ${file} (${record.kind}, ${signature?.algorithm === 'sigstore' ? 'signed keyless' : signature?.key_id ? `signed by ${signature.key_id}` : 'unsigned'})`);
  if (result.reason) core.info(`Nothing recorded: ${result.reason}`);
  core.setOutput('kind', result.kind);
  core.setOutput('records-added', appended.length);
  core.setOutput('records-skipped', result.append?.skipped.length ?? 0);
  core.setOutput('commit', result.append?.commit ?? '');
  core.setOutput('unapproved', JSON.stringify(result.unapproved));
  const conflicts = result.append?.conflicts ?? [];
  if (conflicts.length > 0) core.setFailed(`Records already on the evidence branch say otherwise than GitHub: ${conflicts.map((c) => `\`${c.id}\` (sequence ${c.sequence}: ${c.differences.join(', ')})`).join('; ')}. A conflicting-record exception names each one.`);
  if (result.unapproved.length > 0 && !/^false$/i.test(core.getInput('fail-on-unapproved'))) {
    core.setFailed(`Merged without every required approval: ${result.unapproved.map((id) => `\`${id}\``).join(', ')}. The exceptions are recorded on the evidence branch.`);
  }
}

main().catch((error: unknown) => core.setFailed(`${error instanceof Error ? error.message : String(error)}\nNo evidence record was written.`));
