import * as core from '@actions/core';
import { EVIDENT_VERSION, readCheckedModel, reconcileAccess, remediationPolicy, type AccessSnapshotSubject, type VulnerabilityAlertsSubject } from '@evident/core';
import { createOctokit, describeRetries, parseRepositoryName, recordAccessSnapshot, recordVulnerabilityAlerts } from '@evident/github';
import path from 'node:path';
import { simpleGit } from 'simple-git';

const COMMITTER = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' };

/** The access action: an access snapshot or the vulnerability alerts of evident.yaml's repositories, recorded on the evidence branch. */
async function main(): Promise<void> {
  const env = process.env;
  const token = core.getInput('token', { required: true });
  const collect = core.getInput('collect') || 'access';
  if (collect !== 'access' && collect !== 'vulnerabilities') throw new Error(`Unexpected \`collect\` input \`${collect}\`, expected access or vulnerabilities`);
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
  const common = { repositories, now: () => new Date(), toolVersion: EVIDENT_VERSION, git: simpleGit(root), branch: core.getInput('evidence-branch') || evidence.branch, committer: COMMITTER, onProgress: (line: string) => core.info(line) };
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

main().catch((error: unknown) => core.setFailed(`${error instanceof Error ? error.message : String(error)}\nNo access record was written.`));
