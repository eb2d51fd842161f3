import { DefaultArtifactClient } from '@actions/artifact';
import * as core from '@actions/core';
import { buildBundle, describeEvidenceHistory, EvidenceHistoryError, PlaceholdersError, progressEveryTenth, summarizeCrossCheck, type ManifestCrossCheck } from '@evident/bundle';
import { CONFIG_FILE, createValidators, loadConfig, parsePeriod, readinessLabel } from '@evident/core';
import { parseTrustedRoots, type TrustedRootFile } from '@evident/sigstore';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The Evident release this action belongs to, recorded in the bundle's manifest. */
const TOOL_VERSION = '0.1.0';

/**
 * With `github-cross-check: true`: every record on the evidence branch (`origin/<evidence.branch>`,
 * as checked out) re-derived from the GitHub API. Unconfirmed records stop the build unless
 * `allow-unconfirmed` is true; the outcome goes into manifest.json either way.
 */
async function crossCheck(root: string, env: NodeJS.ProcessEnv): Promise<ManifestCrossCheck | undefined> {
  if (!/^true$/i.test(core.getInput('github-cross-check'))) return undefined;
  const github = await import('@evident/github');
  const { simpleGit } = await import('simple-git');
  const token = core.getInput('github-token');
  if (!token) throw new Error('Unexpected empty `github-token` input, expected a token with `contents: read` and `pull-requests: read` for the GitHub cross-check');
  const repository = github.parseRepositoryName(env.GITHUB_REPOSITORY ?? '');
  if (!repository) throw new Error(`Unexpected GITHUB_REPOSITORY \`${env.GITHUB_REPOSITORY ?? ''}\`, expected OWNER/NAME`);
  const api = env.GITHUB_API_URL || 'https://api.github.com';
  core.setSecret(token);
  const config = loadConfig({ path: CONFIG_FILE, text: await readFile(path.join(root, CONFIG_FILE), 'utf8') }, createValidators()).config;
  const branch = config?.evidence.branch ?? 'evidence';
  const git = simpleGit(root);
  const chain = await github.readEvidenceChain(git, { ref: `refs/remotes/origin/${branch}`, remote: 'origin', branch });
  const client = github.createOctokit({ token, baseUrl: api, userAgent: `evident/${TOOL_VERSION}` });
  const result = await github.crossCheckEvidence(client, chain.stored.map((s) => s.record), { repository, git, remote: 'origin', api, now: () => new Date(), onProgress: (line) => core.info(line) });
  const allowed = /^true$/i.test(core.getInput('allow-unconfirmed'));
  for (const r of result.records) for (const reason of r.reasons) (r.outcome === 'not-confirmed' ? core.error : core.notice)(reason, { title: r.outcome === 'not-confirmed' ? 'Evidence record not confirmed by GitHub' : 'Evidence record not cross-checked' });
  core.info(`GitHub cross-check of ${result.records.length} records with ${result.repository} at ${api}: ${result.confirmed} confirmed, ${result.not_confirmed} not confirmed, ${result.not_checked} not checked`);
  if (result.not_confirmed > 0 && !allowed) {
    throw new Error(`Unexpected ${result.not_confirmed} evidence record${result.not_confirmed === 1 ? '' : 's'} GitHub does not confirm, expected every record confirmed before a bundle is built (see the errors above; \`allow-unconfirmed: 'true'\` builds it anyway and manifest.json names them)`);
  }
  return summarizeCrossCheck(result, allowed);
}

/** The `trusted-root` input: each file read and checked (a file that is not a trusted root fails the step, naming it and the line). */
async function readTrustedRoots(workspace: string, input: string): Promise<TrustedRootFile[]> {
  const files: TrustedRootFile[] = [];
  for (const name of input.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const text = await readFile(path.resolve(workspace, name), 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new Error(`Cannot read the \`trusted-root\` file \`${name}\` (${error.code ?? 'error'})`);
    });
    parseTrustedRoots(text, name);
    files.push({ file: name, text });
  }
  return files;
}

/** The bundle action: inputs in, @evident/bundle in the middle, the zip as an artifact and outputs out. */
async function main(): Promise<void> {
  const env = process.env;
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const periodInput = core.getInput('period');
  const period = periodInput ? parsePeriod(periodInput) : undefined;
  if (periodInput && !period) throw new Error(`Unexpected \`period\` input \`${periodInput}\`, expected START..END or a label such as 2026-Q3`);
  const release = core.getInput('release') || (env.GITHUB_REF_TYPE === 'tag' ? env.GITHUB_REF_NAME : undefined);
  const allowPlaceholders = /^true$/i.test(core.getInput('allow-placeholders'));
  const root = path.resolve(workspace, core.getInput('root') || '.');
  const trustedRoots = await readTrustedRoots(workspace, core.getInput('trusted-root'));
  const githubCrossCheck = await crossCheck(root, env);
  const built = await buildBundle({
    root,
    outDir: path.resolve(workspace, core.getInput('out') || 'out'),
    toolVersion: TOOL_VERSION,
    now: () => new Date(),
    ...(release ? { release } : {}),
    ...(period ? { period: { start: period.start, end: period.end } } : {}),
    ...(allowPlaceholders ? { allowPlaceholders } : {}),
    ...(githubCrossCheck ? { githubCrossCheck } : {}),
    ...(trustedRoots.length ? { trustedRoots } : {}),
    onProgress: progressEveryTenth((line) => core.info(line)),
  });
  const name = path.basename(built.path);
  const chain = built.view.chain;
  core.info(`Wrote ${built.path} (${built.entries} files, ${built.size} bytes), SHA-256 ${built.sha256}`);
  core.info(`Evidence branch: ${describeEvidenceHistory(built.view.inputs.evidenceHistory)}`);
  core.setOutput('path', built.path);
  core.setOutput('sha256', built.sha256);
  core.setOutput('name', name);

  let artifact: { id?: number; digest?: string } = {};
  if (!/^false$/i.test(core.getInput('upload'))) {
    const retentionDays = Number(core.getInput('retention-days') || '90');
    if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new Error(`Unexpected \`retention-days\` input \`${core.getInput('retention-days')}\`, expected a whole number of days`);
    // Stored, not compressed again: the bundle is a zip already.
    artifact = await new DefaultArtifactClient().uploadArtifact(name, [built.path], path.dirname(built.path), { retentionDays, compressionLevel: 0 });
    core.info(`Uploaded artifact ${name} (id ${artifact.id ?? 'unknown'}, kept ${retentionDays} days)`);
  }
  core.setOutput('artifact-id', artifact.id ?? '');
  core.setOutput('artifact-digest', artifact.digest ?? '');

  const { view } = built;
  const { inputs } = view;
  await core.summary
    .addHeading(`Evident bundle ${release ?? ''}`.trim(), 2)
    .addTable([
      [{ data: 'File', header: true }, { data: name }],
      [{ data: 'SHA-256', header: true }, { data: `<code>${built.sha256}</code>` }],
      [{ data: 'Period', header: true }, { data: `${inputs.period.start} to ${inputs.period.end}, gaps assessed as of ${inputs.today}` }],
      [{ data: 'Evidence files', header: true }, { data: String(view.evidence.filter((e) => e.included).length) }],
      [{ data: 'Readiness', header: true }, { data: readinessLabel(view.readiness.readiness) }],
      [{ data: 'Exceptions', header: true }, { data: String(view.exceptions.length) }],
      ...(inputs.placeholders.count > 0 ? [[{ data: 'Placeholders', header: true }, { data: `${inputs.placeholders.count} allowed (allow-placeholders), recorded in manifest.json` }]] : []),
      [{ data: 'Evidence chain', header: true }, { data: chain.problems.length === 0 ? `${chain.records} records, intact` : `${chain.problems.length} problems` }],
      [{ data: 'Evidence history', header: true }, { data: describeEvidenceHistory(inputs.evidenceHistory) }],
      [{ data: 'GitHub cross-check', header: true }, { data: githubCrossCheck ? `${githubCrossCheck.confirmed} confirmed, ${githubCrossCheck.not_confirmed.length} not confirmed${githubCrossCheck.allowed_unconfirmed ? ' (allowed)' : ''}, ${githubCrossCheck.not_checked.length} not checked` : 'not run' }],
    ])
    .write()
    .catch(() => undefined);
  if (chain.problems.length > 0) core.setFailed(`The evidence record chain has ${chain.problems.length} problems:\n${chain.problems.map((p) => p.message).join('\n')}`);
}

main().catch((error: unknown) => {
  // Starter placeholders: each at its file and line, as annotations, then the refusal.
  if (error instanceof PlaceholdersError) {
    for (const d of error.diagnostics) core.error(d.message, { title: d.ruleId, file: d.file, ...(d.line ? { startLine: d.line } : {}), ...(d.column ? { startColumn: d.column } : {}) });
  }
  // A rewritten evidence branch: each problem as an annotation, then the refusal (no bundle was written).
  if (error instanceof EvidenceHistoryError) {
    for (const p of error.problems) core.error(p.message, { title: `evidence history: ${p.problem}` });
  }
  core.setFailed(error instanceof Error ? error.message : String(error));
});
