import * as core from '@actions/core';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { baseFromEvent, type BaseRef } from './event-base.js';
import { gitAuthEnv } from './git-auth-env.js';
import { describeCache, METADATA_CACHE_LIMIT, readMetadataCache } from './metadata-cache.js';
import { runGate } from './run-gate.js';

/** The check action: inputs in, the gate in the middle, annotations, outputs and summary out. */
async function main(): Promise<void> {
  const env = process.env;
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const baseInput = core.getInput('base-ref');
  const event: unknown = env.GITHUB_EVENT_PATH ? JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) : undefined;
  const base: BaseRef | undefined = baseInput ? { ref: baseInput, label: baseInput } : baseFromEvent(env.GITHUB_EVENT_NAME, event);
  const baseRoot = core.getInput('base-root');
  const hashEvidence = core.getInput('hash-evidence') || 'changed';
  if (hashEvidence !== 'changed' && hashEvidence !== 'all') throw new Error(`Unexpected hash-evidence \`${hashEvidence}\`, expected \`changed\` or \`all\``);
  // A partial clone fetches the blobs the gate reads: git's fetches get the token from the environment.
  const token = core.getInput('token');
  if (token) core.setSecret(token);
  const auth = gitAuthEnv(env, env.GITHUB_SERVER_URL || 'https://github.com', token);
  // The header's credential too, as it would appear in any output.
  for (const [key, value] of Object.entries(auth)) if (key.startsWith('GIT_CONFIG_VALUE_')) core.setSecret(value.replace(/^AUTHORIZATION: basic /, ''));
  Object.assign(env, auth);
  const cacheInput = core.getInput('metadata-cache');
  // Read (and each blob checked) while the gate starts its git processes. A cache that cannot be read is no cache.
  const cache = cacheInput
    ? readMetadataCache(path.resolve(workspace, cacheInput), (bytes) => core.warning(`Not reading the metadata cache ${cacheInput}: ${bytes} bytes, over ${METADATA_CACHE_LIMIT}`)).then(
        (read) => (core.info(describeCache(cacheInput, read)), read),
        (error: unknown) => (core.warning(`Not reading the metadata cache ${cacheInput}: ${error instanceof Error ? error.message : String(error)}`), undefined),
      )
    : undefined;
  const blob = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_SHA ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}` : undefined;

  const report = await runGate({
    root: path.resolve(workspace, core.getInput('root') || '.'),
    workspace,
    base,
    strict: /^true$/i.test(core.getInput('strict')),
    hashEvidence,
    today: new Date().toISOString().slice(0, 10),
    ...(blob ? { link: (file: string, line?: number) => `${blob}/${file.split('/').map(encodeURIComponent).join('/')}${line ? `#L${line}` : ''}` } : {}),
    ...(env.RUNNER_TEMP ? { tmpDir: env.RUNNER_TEMP } : {}),
    ...(baseRoot ? { baseRoot: path.resolve(workspace, baseRoot) } : {}),
    ...(cache ? { cached: cache.then((read) => read?.blobs) } : {}),
    log: (line) => core.info(line),
  });

  process.stdout.write(report.annotations);
  core.info(`Evident check: ${report.outputs.errors} errors, ${report.outputs.warnings} warnings; changed policies ${JSON.stringify(report.outputs.changedPolicies)}`);
  if (report.outputs.weakened) core.warning(`This pull request weakens the gate (${report.weakenings.map((w) => w.message).join('; ')}); it was judged with the base's rules. See the job summary.`);
  core.setOutput('errors', report.outputs.errors);
  core.setOutput('warnings', report.outputs.warnings);
  core.setOutput('changed-policies', JSON.stringify(report.outputs.changedPolicies));
  core.setOutput('weakened', report.outputs.weakened);
  if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(report.summary).write();
  else core.info(report.summary);
  if (!report.decision.passed) core.setFailed(report.decision.reasons.join('\n'));
}

main().catch((error: unknown) => core.setFailed(error instanceof Error ? error.message : String(error)));
