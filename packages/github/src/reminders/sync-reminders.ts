import type { ReadinessReport } from '@evident/core';
import { callGitHub, paginateGitHub, type ApiCallLog } from '../call-github.js';
import type { GitHubClient } from '../create-octokit.js';
import type { RepositoryName } from '../repository-name.js';
import { ownerLogins, planReminders, REMINDER_LABEL, type PlanOptions, type ReminderIssue, type ReminderPlan } from './plan-reminders.js';

export interface SyncOptions extends Omit<PlanOptions, 'assignable'> {
  repository: RepositoryName;
  /** Plan only: read issues but change nothing. */
  dryRun?: boolean;
  onProgress?: (message: string) => void;
}

export interface SyncResult {
  plan: ReminderPlan;
  /** Issue numbers created (in plan order), updated and closed. */
  created: number[];
  updated: number[];
  closed: number[];
  api_calls: ApiCallLog;
}

/**
 * Keep one issue per overdue or upcoming occurrence: read Evident's issues (by label), check
 * which owners can be assigned, plan, then create, update, reopen and close. Running it again
 * with the same readiness changes nothing.
 */
export async function syncReminders(client: GitHubClient, report: ReadinessReport, options: SyncOptions): Promise<SyncResult> {
  const { owner, repo } = options.repository;
  const label = options.label ?? REMINDER_LABEL;
  const log: ApiCallLog = [];
  const progress = options.onProgress ?? (() => {});
  progress(`Reading issues labelled \`${label}\` in ${owner}/${repo}`);
  const raw = await paginateGitHub(client, log, 'GET /repos/{owner}/{repo}/issues', { owner, repo, state: 'all', labels: label });
  const existing: ReminderIssue[] = raw
    .filter((issue) => !issue.pull_request)
    .map((issue) => ({ number: issue.number, title: issue.title, body: issue.body ?? '', state: issue.state === 'closed' ? 'closed' : 'open', assignees: (issue.assignees ?? []).map((a: { login: string }) => a.login) }));

  const candidates = new Set(report.controls.flatMap((c) => ownerLogins(c.owner, options.people, options.teams)));
  const assignable = new Set<string>();
  for (const assignee of [...candidates].sort()) {
    const { status } = await callGitHub(client, log, 'GET /repos/{owner}/{repo}/assignees/{assignee}', { owner, repo, assignee }, [404]);
    if (status === 204) assignable.add(assignee);
    else progress(`${assignee} cannot be assigned issues in ${owner}/${repo}: left unassigned`);
  }
  const plan = planReminders(report, existing, { ...options, assignable, label });
  const result: SyncResult = { plan, created: [], updated: [], closed: [], api_calls: log };
  if (options.dryRun) return result;

  for (const issue of plan.create) {
    progress(`Opening an issue for ${issue.key}`);
    const { data } = await callGitHub(client, log, 'POST /repos/{owner}/{repo}/issues', { owner, repo, title: issue.title, body: issue.body, labels: issue.labels, assignees: issue.assignees });
    result.created.push(data.number);
  }
  for (const change of plan.update) {
    progress(`Updating issue #${change.number} (${change.key})`);
    const { number, key: _key, ...fields } = change;
    await callGitHub(client, log, 'PATCH /repos/{owner}/{repo}/issues/{issue_number}', { owner, repo, issue_number: number, ...fields });
    result.updated.push(number);
  }
  for (const close of plan.close) {
    progress(`Closing issue #${close.number} (${close.key}, ${close.reason})`);
    await callGitHub(client, log, 'PATCH /repos/{owner}/{repo}/issues/{issue_number}', { owner, repo, issue_number: close.number, state: 'closed', state_reason: close.reason === 'duplicate' ? 'duplicate' : 'completed' });
    result.closed.push(close.number);
  }
  return result;
}
