import * as core from '@actions/core';
import { accessReviewControl, EVIDENT_VERSION, parsePeriod, readCheckedModel, reconcileAccess, remediationPolicy, type AccessSnapshotSubject, type VulnerabilityAlertsSubject } from '@evident/core';
import { actionRecordSigner, ACTIONS_COMMITTER, createOctokit, defaultReviewPeriod, describeRetries, type GitHubClient, latestAccessSnapshot, parseRepositoryName, readEvidenceChain, recordAccessSnapshot, recordVulnerabilityAlerts, requestAccessReview } from '@evident/github';
import path from 'node:path';
import { simpleGit } from 'simple-git';


/**
 * The access action: an access snapshot or the vulnerability alerts of evident.yaml's repositories, recorded on the evidence
 * branch, or (`collect: review`) the access review pull request of the period from the latest snapshot.
 */
async function main(): Promise<void> {
  const env = process.env;
  const token = core.getInput('token', { required: true });
  const sign = actionRecordSigner((name) => core.getInput(name), process.env, core);
  const collect = core.getInput('collect') || 'access';
  if (collect !== 'access' && collect !== 'vulnerabilities' && collect !== 'review') throw new Error(`Unexpected \`collect\` input \`${collect}\`, expected access, vulnerabilities or review`);
  const root = path.resolve(env.GITHUB_WORKSPACE ?? process.cwd(), core.getInput('root') || '.');
  const today = new Date().toISOString().slice(0, 10);
  const model = await readCheckedModel(root, today);
  const { evidence, access } = model.config;
  const repositories = (evidence.repositories.length > 0 ? evidence.repositories : [env.GITHUB_REPOSITORY ?? '']).map((name) => {
    const repository = parseRepositoryName(name);
    if (!repository) throw new Error(`Unexpected repository \`${name}\` in \`evidence.repositories\`, expected OWNER/NAME`);
    return repository;
  });
  const client = createOctokit({ token, baseUrl: env.GITHUB_API_URL || 'https://api.github.com', userAgent: `evident-action/${EVIDENT_VERSION}`, ...describeRetries((line) => core.info(line)) });
  const common = { repositories, now: () => new Date(), toolVersion: EVIDENT_VERSION, git: simpleGit(root), branch: core.getInput('evidence-branch') || evidence.branch, committer: ACTIONS_COMMITTER, sign, onProgress: (line: string) => core.info(line) };
  if (collect === 'review') return review(client, model, root, today, common.branch, env.GITHUB_REPOSITORY ?? '');
  let exceptions: string[];
  let collected;
  if (collect === 'access') {
    collected = await recordAccessSnapshot(client, { ...common, ...(access.organization ? { organization: access.organization } : {}) });
    const snapshot = collected.records[0]!.subject as AccessSnapshotSubject;
    for (const limitation of snapshot.limitations) core.warning(limitation.detail);
    exceptions = reconcileAccess(snapshot, model.people, { on: today, ...(access.admin_roles ? { adminRoles: access.admin_roles } : {}) }).map((f) => f.detail);
  } else {
    const remediation = remediationPolicy(model.policies);
    collected = await recordVulnerabilityAlerts(client, { ...common, ...(remediation ? { remediation } : {}) });
    const subjects = collected.records.map((r) => r.subject as VulnerabilityAlertsSubject);
    for (const limitation of subjects.flatMap((s) => s.limitations)) core.warning(limitation.detail);
    exceptions = subjects.flatMap((s) => s.alerts.filter((a) => a.overdue).map((a) => `${a.repository} ${a.source} alert #${a.number} (${a.severity}) is past its remediation date ${a.due_on}`));
  }
  for (const line of exceptions) core.notice(line);
  const appended = collected.append?.appended ?? [];
  for (const { file, record } of appended) core.info(`added ${file} (${record.kind}, ${record.repository})`);
  core.info(`${appended.length} records added, ${collected.append?.skipped.length ?? 0} already recorded, ${exceptions.length} exceptions (shown by evident status)`);
  core.setOutput('records-added', appended.length);
  core.setOutput('exceptions', exceptions.length);
}

/** Open or update the access review pull request of the period (input `period`, default: the one holding today). */
async function review(client: GitHubClient, model: Awaited<ReturnType<typeof readCheckedModel>>, root: string, today: string, branch: string, repositoryName: string): Promise<void> {
  const repository = parseRepositoryName(repositoryName);
  if (!repository) throw new Error(`Unexpected GITHUB_REPOSITORY \`${repositoryName}\`, expected OWNER/NAME`);
  const control = accessReviewControl(model);
  if (!control) throw new Error('Missing access review control: set evident.yaml `access.review_control`');
  const input = core.getInput('period');
  const period = input ? parsePeriod(input) : defaultReviewPeriod(control.frequency, today);
  if (!period) throw new Error(`Unexpected \`period\` input \`${input}\`, expected a period such as 2026-Q3`);
  const chain = await readEvidenceChain(simpleGit(root), { remote: 'origin', branch });
  const snapshot = latestAccessSnapshot(chain.stored.map((s) => s.record));
  if (!snapshot) throw new Error(`No access-snapshot record on the evidence branch \`${branch}\`: record one first (collect: access)`);
  const result = await requestAccessReview(client, { repository, model, snapshot, period, today, onProgress: (line) => core.info(line) });
  const state = result.signedOffBy ? `already signed off by @${result.signedOffBy}` : result.pull.created ? 'opened' : result.commit ? 'updated' : 'unchanged';
  core.info(`Access review ${period.label}: ${result.pull.url} ${state}; reviews requested from ${result.requested.map((l) => `@${l}`).join(', ') || 'nobody new'}`);
  for (const n of result.notRequested) core.warning(`Not requested: @${n.login} (${n.reason})`);
  core.setOutput('pull-request', result.pull.number);
  core.setOutput('records-added', 0);
  core.setOutput('exceptions', 0);
}

main().catch((error: unknown) => core.setFailed(`${error instanceof Error ? error.message : String(error)}\nNo access record was written.`));
