import { expandReference, type ApprovalSubject, type ExceptionSubject, type PolicyChange, type RepositoryModel, type ReviewRef } from '@evident/core';
import type { PullRequestFacts, PullRequestReview } from './fetch-pull-request-facts.js';
import { findPersonByLogin } from './find-person-by-login.js';
import type { PolicyAtCommit } from './read-policy-at-commit.js';
import { sameLogin } from '@evident/core';
import { latestReviewByReviewer, pullKey, pullRequestRef, reviewRef } from './review-helpers.js';
import { commitsBy, isApproval, reviewVerdict } from './review-verdict.js';

/** A policy file a merged pull request changed, read from git on both sides. */
export interface ChangedPolicyVersions {
  change: PolicyChange;
  /** The version the approval binds to: the head for added, modified and renamed policies; the base for a removed one. */
  bound: PolicyAtCommit;
  /** The version in force before the change, when there was one: its approvers govern the change. */
  before?: PolicyAtCommit;
}

/** Who is who: the people of the roster (with their GitHub logins) and the teams. */
export type Roster = Pick<RepositoryModel, 'people' | 'teams'>;

export interface DecidedSubject<S> {
  id: string;
  subject: S;
}

export interface ApprovalDecision {
  /** Undefined when no changed policy could be read. */
  approval?: DecidedSubject<ApprovalSubject>;
  /** Everything short of a counting approval, with the reason. */
  exceptions: DecidedSubject<ExceptionSubject>[];
}

const WRITE: ReadonlySet<string> = new Set(['admin', 'write']);

/**
 * Decide the approvals of a merged pull request that changed policies. Pure.
 *
 * A review counts when it is the reviewer's latest non-comment review before the merge, is APPROVED, was
 * submitted on the final head commit, is not by the author nor by anyone GitHub names as the author
 * or committer of one of the pull request's commits (segregation of duties: without the commits, or
 * with more than GitHub lists, no approval is independent), and its reviewer has write access
 * or is one of the policy's required approvers. A required approver that is a team is satisfied
 * by any one member. The approvers of the version in force before the change are required, so a
 * change cannot choose its own approvers (the head's approvers for a new policy).
 *
 * `roster` decides which login is which person and who is in which team: the roster at the pull
 * request's base commit, so a change cannot choose who its approvers are either (a login it gives a
 * required approver counts only from the next pull request on). `headRoster`, the roster the pull
 * request merges, only names a required approver whose GitHub login it changes.
 */
export function decideApprovals(facts: PullRequestFacts, policies: readonly ChangedPolicyVersions[], roster: Roster, headRoster?: Roster): ApprovalDecision {
  const key = pullKey(facts);
  const pull_request = pullRequestRef(facts);
  const exceptions: DecidedSubject<ExceptionSubject>[] = [];
  const exception = (reason: string, suffix: string, detail: string, extra: Partial<ExceptionSubject> = {}) =>
    exceptions.push({ id: `exception/${key}/${reason}/${suffix}`, subject: { pull_request, reason, detail, ...extra } });
  const ref = (review: PullRequestReview): ReviewRef => reviewRef(review, roster.people);
  const head = facts.pull.head_sha;

  // Only reviews submitted before the merge decide it; an approval given afterwards is noted, never counted.
  const mergedAt = facts.pull.merged_at;
  const afterMerge = (review: PullRequestReview) => mergedAt !== null && review.submitted_at !== null && Date.parse(review.submitted_at) > Date.parse(mergedAt);
  for (const review of facts.reviews) {
    if (review.login && afterMerge(review) && isApproval(review.state)) {
      exception('approved-after-merge', `review-${review.id}`, `@${review.login} approved at ${review.submitted_at}, after the merge at ${mergedAt}: it does not count`, { reviews: [ref(review)] });
    }
  }

  // Review-level checks: the same for every policy of the pull request.
  const eligible: PullRequestReview[] = [];
  const latest = latestReviewByReviewer(facts.reviews.filter((r) => !afterMerge(r)));
  for (const review of latest) {
    const verdict = reviewVerdict(review, facts.pull, facts.commits ?? null);
    const who = `@${review.login}`;
    const reviewException = (detail: string) => exception(verdict, `review-${review.id}`, detail, { reviews: [ref(review)] });
    if (verdict === 'approves-head') eligible.push(review);
    else if (verdict === 'dismissed-review') reviewException(`The latest review of ${who} was dismissed, so it does not approve the change`);
    else if (verdict === 'changes-requested') {
      const approvedEarlier = facts.reviews.some((r) => r.login === review.login && isApproval(r.state));
      reviewException(`${who} requested changes${approvedEarlier ? ' after approving' : ''} and had not approved again when the pull request was merged`);
    } else if (verdict === 'self-approval') reviewException(`${who} approved their own pull request: segregation of duties requires another approver`);
    else if (verdict === 'approver-authored-commits') {
      const shas = commitsBy(review.login, facts.commits!);
      const named = shas.slice(0, 3).map((sha) => sha.slice(0, 12)).join(', ') + (shas.length > 3 ? ` and ${shas.length - 3} more` : '');
      reviewException(`${who} authored or committed commit${shas.length > 1 ? 's' : ''} ${named} of the pull request and approved it: segregation of duties requires an approver who did not write the change`);
    } else if (verdict === 'unverified-commits') {
      const c = facts.commits;
      reviewException(
        c
          ? `The pull request has ${c.total} commits and GitHub lists only ${c.listed.length}, so it cannot be shown that ${who} wrote none of them: the approval does not count as independent (split the change into smaller pull requests)`
          : `The commits of the pull request were not read, so it cannot be shown that ${who} wrote none of them: the approval does not count as independent`,
      );
    }
    else if (verdict === 'stale-approval') reviewException(`${who} approved commit ${review.commit_id ?? '(unknown)'}, not the final head ${head}: changes were pushed after the approval`);
  }

  const entries: ApprovalSubject['policies'] = [];
  for (const policy of policies) {
    const governing = policy.before?.data ?? policy.bound.data;
    if (!policy.bound.data || !governing) {
      exception('invalid-policy', policy.bound.path.replace(/[^A-Za-z0-9._-]+/g, '-'), `Policy file \`${policy.bound.path}\` at ${policy.bound.commit} cannot be read as a policy: ${policy.bound.problem ?? policy.before?.problem ?? 'no frontmatter'}`);
      continue;
    }
    const id = policy.bound.data.id;
    const required = [...governing.approvers];
    const membersOf = new Map(required.map((r) => [r, new Set(expandReference(roster as RepositoryModel, r))]));
    const listed = new Set([...membersOf.values()].flatMap((s) => [...s]));
    for (const personId of listed) {
      const before = roster.people.find((p) => p.id === personId)?.github;
      const after = headRoster?.people.find((p) => p.id === personId)?.github;
      if (!before || !after || sameLogin(before, after)) continue;
      const byNewLogin = latest.filter((r) => sameLogin(r.login, after));
      exception(
        'approver-login-changed',
        `${id}/${personId}`,
        `The pull request changes the GitHub login of \`${personId}\`, a required approver of \`${id}\`, from @${before} to @${after}: approvals are decided with the roster at the base commit, so only a review by @${before} counts as \`${personId}\`'s`,
        { policy: id, ...(byNewLogin.length ? { reviews: byNewLogin.map(ref) } : {}) },
      );
    }
    const counting: PullRequestReview[] = [];
    for (const review of eligible) {
      const person = findPersonByLogin(roster.people, review.login)?.id;
      if (WRITE.has(facts.permissions[review.login!] ?? 'none') || (person !== undefined && listed.has(person))) counting.push(review);
      else exception('no-write-access', `${id}/review-${review.id}`, `@${review.login} approved but has no write access and is not an approver of \`${id}\``, { policy: id, reviews: [ref(review)] });
    }
    const approvedBy = new Set(counting.map((r) => findPersonByLogin(roster.people, r.login)?.id).filter((p): p is string => p !== undefined));
    let approved = required.length > 0;
    for (const approver of required) {
      const members = membersOf.get(approver)!;
      if ([...members].some((m) => approvedBy.has(m))) continue;
      approved = false;
      const kind = roster.teams.some((t) => t.id === approver) ? `no member of team \`${approver}\`` : `\`${approver}\``;
      const unknown = members.size === 0 && !roster.teams.some((t) => t.id === approver) ? `: \`${approver}\` is not in the roster at the base commit, so no review counts for them` : '';
      exception('missing-approver', `${id}/${approver}`, `Policy \`${id}\` changed without an approval from ${kind} at the final head${unknown}`, { policy: id });
    }
    entries.push({
      id,
      version: policy.bound.data.version,
      path: policy.bound.path,
      commit: policy.bound.commit,
      sha256: policy.bound.sha256,
      change: policy.change,
      required_approvers: required,
      approvals: counting.map(ref),
      approved,
    });
  }
  return { ...(entries.length ? { approval: { id: `policy-approval/${key}`, subject: { pull_request, policies: entries } } } : {}), exceptions };
}
