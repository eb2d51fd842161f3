import * as core from '@actions/core';
import { EVIDENT_VERSION, parsePeriod, readCheckedModel } from '@evident/core';
import { actionRecordSigner, ACTIONS_COMMITTER, collectPopulations, createOctokit, describeRetries, parseRepositoryName } from '@evident/github';
import path from 'node:path';
import { simpleGit } from 'simple-git';

const TOOL_VERSION = EVIDENT_VERSION;

/** The populations action: evident.yaml's repositories and period in, records on the evidence branch out. */
async function main(): Promise<void> {
  const env = process.env;
  const token = core.getInput('token', { required: true });
  const sign = actionRecordSigner((name) => core.getInput(name), process.env, core);
  const root = path.resolve(env.GITHUB_WORKSPACE ?? process.cwd(), core.getInput('root') || '.');
  const model = await readCheckedModel(root, new Date().toISOString().slice(0, 10));
  const { audit, evidence } = model.config;
  const periodInput = core.getInput('period');
  const parsed = periodInput ? parsePeriod(periodInput) : undefined;
  if (periodInput && !parsed) throw new Error(`Unexpected \`period\` input \`${periodInput}\`, expected START..END or a label such as 2026-Q3`);
  const period = parsed ?? audit.period ?? (audit.as_of ? { start: audit.as_of, end: audit.as_of } : undefined);
  if (!period) throw new Error('No period: set the `period` input, or `audit.period` in evident.yaml');
  const names = evidence.repositories.length > 0 ? evidence.repositories : [env.GITHUB_REPOSITORY ?? ''];
  const repositories = names.map((name) => {
    const repository = parseRepositoryName(name);
    if (!repository) throw new Error(`Unexpected repository \`${name}\` in \`evidence.repositories\`, expected OWNER/NAME`);
    return repository;
  });

  const client = createOctokit({ token, baseUrl: env.GITHUB_API_URL || 'https://api.github.com', userAgent: `evident-action/${TOOL_VERSION}`, ...describeRetries((line) => core.info(line)) });
  const collected = await collectPopulations(client, {
    repositories,
    period: { start: period.start, end: period.end },
    people: model.people,
    now: () => new Date(),
    toolVersion: TOOL_VERSION,
    git: simpleGit(root),
    branch: core.getInput('evidence-branch') || evidence.branch,
    committer: ACTIONS_COMMITTER,
    sign,
    onProgress: (line) => core.info(line),
  });
  const appended = collected.append?.appended ?? [];
  for (const { file, record } of appended) core.info(`added ${file} (${record.kind}, ${record.repository})`);
  core.info(`${appended.length} records added, ${collected.append?.skipped.length ?? 0} already recorded`);
  core.setOutput('records-added', appended.length);
  core.setOutput('commit', collected.append?.commit ?? '');
}

main().catch((error: unknown) => core.setFailed(`${error instanceof Error ? error.message : String(error)}\nNo population record was written.`));
