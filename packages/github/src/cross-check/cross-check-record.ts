import type { AccessReviewApprovalSubject, AcknowledgmentSubject, ApprovalSubject, ChangePopulationSubject, EvidenceKind, EvidenceRecord, ExceptionSubject, PolicyVersionRef, PullRequestRef, ReviewRef } from '@evident/core';
import { recordDifferences } from '../compare-recorded.js';
import { foldLogin } from '@evident/core';
import { checkAccessReviewApproval } from './check-access-review-approval.js';
import { compareCampaignOrigin } from './compare-campaign-origin.js';
import { compareContent } from './compare-content.js';
import { comparePullRequest, compareReviews, type PullClaim } from './compare-pull-request.js';
import { contentKey, type CrossCheckFacts, type PullFacts, type RecordCrossCheck } from './cross-check-facts.js';

/** What must be read to cross-check records: pull requests (with their files and reviews when needed) and files at commits. */
export interface CrossCheckNeeds {
  /** `approval`: decide the pull request's approvals again from GitHub and git; `acknowledgment`: read the roster at its base and its manifests. */
  pulls: Map<number, { files: boolean; reviews: boolean; approval?: boolean; acknowledgment?: boolean }>;
  /** `policy`: the file is a policy, whose frontmatter is read too; `text`: its text is kept (an access review file). */
  contents: { commit: string; path: string; pull: number; policy?: boolean; text?: boolean }[];
}

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
const isPull = (value: unknown): value is PullRequestRef => typeof (value as PullRequestRef | undefined)?.number === 'number';
const short = (sha: string) => sha.slice(0, 12);

/**
 * Kinds that name no pull request by design, and why GitHub cannot confirm them: what they hold
 * is the state of one day, which GitHub does not keep.
 */
const UNCHECKED_KINDS: Partial<Record<EvidenceKind, string>> = {
  'branch-rules': 'holds branch rules as they stood on one day, which GitHub does not keep',
  'access-snapshot': 'holds who had access (members, collaborators, teams, invitations, deploy keys) on one day, which GitHub does not keep',
  'vulnerability-alerts': 'holds vulnerability alerts and their states as they stood on one day; GitHub keeps only their current state',
};

/** Kinds the collector only ever writes about a pull request: one that names none is not confirmed. */
const PULL_REQUEST_KINDS: ReadonlySet<string> = new Set<EvidenceKind>(['policy-approval', 'policy-acknowledgment', 'access-review-approval']);

/** Records are read as data that may be forged or malformed: only well-formed claims are followed. */
function pullsOf(record: EvidenceRecord): { pull: PullRequestRef; files: boolean; reviews: boolean }[] {
  const subject = record.subject as Partial<ApprovalSubject & ExceptionSubject & ChangePopulationSubject> | undefined;
  if (UNCHECKED_KINDS[record.kind]) return [];
  if (record.kind === 'change-population') return list<PullRequestRef>(subject?.pull_requests).filter(isPull).map((pull) => ({ pull, files: false, reviews: false }));
  if (!isPull(subject?.pull_request)) return [];
  if (record.kind === 'policy-approval') return [{ pull: subject.pull_request, files: true, reviews: true }];
  const reviews = record.kind === 'policy-acknowledgment' || record.kind === 'access-review-approval' || list(subject.reviews).length > 0;
  return [{ pull: subject.pull_request, files: false, reviews }];
}

/** The files at commits a record binds by their SHA-256: policy files, an access review's file. */
function filesOf(record: EvidenceRecord): { commit: string; path: string }[] {
  const subject = record.subject as { policies?: unknown; file?: Partial<AccessReviewApprovalSubject['file']> } | undefined;
  const files = record.kind === 'policy-approval' || record.kind === 'policy-acknowledgment' ? list<PolicyVersionRef>(subject?.policies) : record.kind === 'access-review-approval' ? [subject?.file] : [];
  return files.flatMap((f) => (typeof f?.commit === 'string' && typeof f.path === 'string' ? [{ commit: f.commit, path: f.path }] : []));
}

/** The pull requests and files at commits the records name (records about another repository are not followed). Pure. */
export function crossCheckNeeds(records: readonly EvidenceRecord[], repository: string): CrossCheckNeeds {
  const needs: CrossCheckNeeds = { pulls: new Map(), contents: [] };
  const seen = new Set<string>();
  for (const record of records) {
    if (record.repository !== repository) continue;
    for (const { pull, files, reviews } of pullsOf(record)) {
      const was = needs.pulls.get(pull.number);
      const approval = record.kind === 'policy-approval' || (was?.approval ?? false);
      const acknowledgment = record.kind === 'policy-acknowledgment' || (was?.acknowledgment ?? false);
      needs.pulls.set(pull.number, { files: files || (was?.files ?? false), reviews: reviews || (was?.reviews ?? false), ...(approval ? { approval } : {}), ...(acknowledgment ? { acknowledgment } : {}) });
      const policy = record.kind === 'policy-approval' || record.kind === 'policy-acknowledgment';
      const text = record.kind === 'access-review-approval';
      for (const { commit, path } of filesOf(record)) {
        if (seen.has(contentKey(commit, path))) continue;
        seen.add(contentKey(commit, path));
        needs.contents.push({ commit, path, pull: pull.number, ...(policy ? { policy } : {}), ...(text ? { text } : {}) });
      }
    }
  }
  return needs;
}

function checkApproval(record: EvidenceRecord<ApprovalSubject>, pull: PullFacts | undefined, facts: CrossCheckFacts): string[] {
  const { pull_request: pr } = record.subject;
  const out = [...comparePullRequest(record.id, facts.repository, pr, 'merged', pull)];
  if (!pull?.pull?.merged) return out;
  for (const policy of list<ApprovalSubject['policies'][number]>(record.subject.policies)) {
    const removed = policy.change === 'removed';
    const expected = removed ? pull.pull.base_sha : pull.pull.head_sha;
    if (policy.commit !== expected) {
      out.push(`Record \`${record.id}\` binds policy \`${policy.id}\` to commit \`${short(policy.commit)}\`; GitHub says the ${removed ? 'base' : 'head'} of pull request ${pr.number} is \`${short(expected)}\``);
    }
    if (pull.files && !pull.files.includes(policy.path)) out.push(`Record \`${record.id}\` says pull request #${pr.number} changed \`${policy.path}\`; GitHub lists no such file in it`);
    out.push(...compareReviews(record.id, pr.number, list(policy.approvals), true, pull), ...compareContent(record.id, policy, facts), ...compareFrontmatter(record.id, policy, facts));
  }
  // Facts GitHub does not confirm are named already; the decision is compared when the facts hold.
  return out.length ? out : compareDecision(record, pull);
}

const shown = (value: unknown) => {
  const text = value === undefined ? 'absent' : `\`${JSON.stringify(value)}\``;
  return text.length > 120 ? `${text.slice(0, 117)}…\`` : text;
};

/** The value at a path `recordDifferences` names, e.g. `subject.policies[0].approved`. */
function valueAt(value: unknown, path: string): unknown {
  let at: unknown = value;
  for (const key of path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '')) at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  return at;
}

/**
 * What the record asserts (approved, required approvers, who each approval is, the policies) against
 * the record the collector's own decision gives from GitHub's facts and git now: each field that
 * differs, named.
 */
function compareDecision(record: EvidenceRecord<ApprovalSubject>, pull: PullFacts): string[] {
  const decided = pull.approval;
  if (!decided) return [];
  if ('problem' in decided) return [`Record \`${record.id}\` cannot be decided again from GitHub's facts: ${decided.problem}`];
  if ('none' in decided || decided.id !== record.id) return [`Record \`${record.id}\` states approvals of pull request #${record.subject.pull_request.number}; deciding from GitHub's facts gives no such record${'none' in decided ? '' : ` (it gives \`${decided.id}\`)`}`];
  const { sequence: _s, previous_hash: _p, hash: _h, ...unsealed } = record;
  const expected = { ...unsealed, subject: decided.subject };
  return recordDifferences(record, expected).map((field) => `Record \`${record.id}\` says \`${field}\` is ${shown(valueAt(record, field))}; deciding from GitHub's facts gives ${shown(valueAt(expected, field))}`);
}

/** A policy's id and version as the record names them, against the frontmatter of the file at that commit. */
function compareFrontmatter(recordId: string, policy: PolicyVersionRef, facts: CrossCheckFacts): string[] {
  const found = facts.contents.get(contentKey(policy.commit, policy.path));
  if (!found || 'missing' in found || found.policy === undefined) return [];
  const at = `\`${policy.path}\` at \`${short(policy.commit)}\``;
  if (found.policy === null) return [`Record \`${recordId}\` names policy \`${policy.id}\` version ${policy.version} at ${at}; that file's frontmatter is not a valid policy`];
  const out: string[] = [];
  if (found.policy.id !== policy.id) out.push(`Record \`${recordId}\` says ${at} is policy \`${policy.id}\`; its frontmatter says \`${found.policy.id}\``);
  if (found.policy.version !== policy.version) out.push(`Record \`${recordId}\` says ${at} is version \`${policy.version}\` of \`${policy.id}\`; its frontmatter says \`${found.policy.version}\``);
  return out;
}

function checkAcknowledgment(record: EvidenceRecord<AcknowledgmentSubject>, pull: PullFacts | undefined, facts: CrossCheckFacts): string[] {
  const { pull_request: pr } = record.subject;
  const out = [...comparePullRequest(record.id, facts.repository, pr, 'acknowledgment', pull), ...compareCampaignOrigin(record.id, 'policy-acknowledgment', facts.repository, pull)];
  if (!pull?.pull) return out;
  const acknowledgments = list<AcknowledgmentSubject['acknowledgments'][number]>(record.subject.acknowledgments);
  out.push(...compareReviews(record.id, pr.number, acknowledgments, true, pull));
  const commits = new Set(acknowledgments.map((a) => a.commit_id));
  const policies = list<PolicyVersionRef>(record.subject.policies);
  for (const policy of policies) {
    if (!commits.has(policy.commit)) out.push(`Record \`${record.id}\` binds policy \`${policy.id}\` to commit \`${short(policy.commit)}\`, expected the commit its acknowledging review names`);
    out.push(...compareContent(record.id, policy, facts), ...compareFrontmatter(record.id, policy, facts));
  }
  const known = pull.acknowledgment;
  if (!known) return out;
  const byId = new Map((pull.reviews ?? []).map((r) => [r.id, r]));
  for (const review of acknowledgments) {
    const login = byId.get(review.review_id)?.login ?? review.reviewer;
    const person = known.people.get(foldLogin(login ?? '')) ?? null;
    if (known.rosterProblem) out.push(`Record \`${record.id}\` says review ${review.review_id} by \`${login}\` is \`${review.person}\`'s; the roster at the base commit \`${short(known.rosterCommit)}\` cannot be read: ${known.rosterProblem}`);
    else if (review.person !== person) out.push(`Record \`${record.id}\` says \`person\` of review ${review.review_id} by \`${login}\` is ${shown(review.person)}; the roster at the base commit \`${short(known.rosterCommit)}\` says ${shown(person)}`);
    const named = review.commit_id ? known.manifests.get(review.commit_id) : undefined;
    if (!named) continue;
    if ('problem' in named) {
      out.push(`Record \`${record.id}\` says review ${review.review_id} acknowledged policies at \`${short(review.commit_id ?? '')}\`; read as the collector reads it, that commit acknowledges none: ${named.problem}`);
      continue;
    }
    const key = (p: Omit<PolicyVersionRef, 'commit'>) => `${p.id}@${p.version} ${p.path} ${p.sha256}`;
    const wanted = named.map(key).sort();
    const stated = policies.filter((p) => p.commit === review.commit_id).map(key).sort();
    if (wanted.join('\n') !== stated.join('\n')) {
      // Named by id and version; by SHA-256 too when only the SHA-256 differs.
      const bySha = wanted.map((k) => k.split(' ')[0]).join() === stated.map((k) => k.split(' ')[0]).join();
      const list = (keys: string[]) => (keys.length ? keys.map((k) => `\`${k.split(' ')[0]}\`${bySha ? ` (SHA-256 \`${k.split(' ')[2]!.slice(0, 12)}…\`)` : ''}`).join(', ') : 'none');
      out.push(`Record \`${record.id}\` says review ${review.review_id} acknowledged ${list(stated)}; the manifest at \`${short(review.commit_id ?? '')}\` names ${list(wanted)}`);
    }
  }
  return out;
}

/** The id the collector gives a record about this pull request (`exact`), or the start of it (exceptions add their reason). */
function collectorId(record: EvidenceRecord, pull: PullRequestRef): { id: string; exact: boolean } | undefined {
  const key = `${record.repository}/pr-${pull.number}`;
  if (record.kind === 'policy-approval') return { id: `policy-approval/${key}`, exact: true };
  if (record.kind === 'policy-acknowledgment') return { id: `policy-acknowledgment/${key}/review-${list<ReviewRef>((record.subject as AcknowledgmentSubject).acknowledgments)[0]?.review_id}`, exact: true };
  if (record.kind === 'exception') return { id: `exception/${key}/${(record.subject as ExceptionSubject).reason}/`, exact: false };
  if (record.kind === 'access-review-approval') return { id: `access-review-approval/${key}/${String((record.subject as Partial<AccessReviewApprovalSubject>).file?.commit).slice(0, 12)}`, exact: true };
  return undefined;
}

function checkId(record: EvidenceRecord, pull: PullRequestRef): string[] {
  const expected = collectorId(record, pull);
  if (!expected || (expected.exact ? record.id === expected.id : record.id.startsWith(expected.id))) return [];
  return [`Record \`${record.id}\` has an id the collector does not give a ${record.kind} record about pull request #${pull.number}, expected ${expected.exact ? `\`${expected.id}\`` : `an id starting with \`${expected.id}\``}`];
}

const notChecked = (record: EvidenceRecord, reason: string): RecordCrossCheck => ({ record: record.id, kind: record.kind, outcome: 'not-checked', reasons: [reason] });

/**
 * Compare one evidence record with what GitHub and git say now, and name every difference.
 * Approvals and acknowledgments: the pull request, every review they count, the commit and the
 * SHA-256 of each policy file. Acknowledgments and access review sign-offs: that their pull request
 * is a campaign the collector counts (a branch of the repository, against the default branch;
 * compareCampaignOrigin), and for acknowledgments that each reviewed commit acknowledges what the
 * record names, read as the collector reads it. Access review sign-offs: the pull request, its
 * period and review file, every approval and the SHA-256 of the file (checkAccessReviewApproval). Exceptions: their
 * pull request and reviews. Change populations: that every pull request listed exists and was
 * merged as recorded. Kinds that name no pull request by design (branch rules, access snapshots,
 * vulnerability alerts) and exceptions without one are not checked, with the reason. Pure.
 */
export function crossCheckRecord(record: EvidenceRecord, facts: CrossCheckFacts): RecordCrossCheck {
  if (record.repository !== facts.repository) {
    return { record: record.id, kind: record.kind, outcome: 'not-confirmed', reasons: [`Record \`${record.id}\` is about repository \`${record.repository}\`; the cross-check reads \`${facts.repository}\``] };
  }
  const unchecked = UNCHECKED_KINDS[record.kind];
  if (unchecked) return notChecked(record, `Record \`${record.id}\` ${unchecked}: not cross-checked`);
  const pulls = pullsOf(record);
  if (record.kind === 'change-population') {
    const reasons = pulls.flatMap(({ pull }) => comparePullRequest(record.id, facts.repository, pull, 'merged', facts.pulls.get(pull.number)));
    return { record: record.id, kind: record.kind, outcome: reasons.length ? 'not-confirmed' : 'confirmed', reasons };
  }
  const [first] = pulls;
  if (!first) {
    if (!PULL_REQUEST_KINDS.has(record.kind)) return notChecked(record, `Record \`${record.id}\` names no pull request: nothing on GitHub to compare it with`);
    return { record: record.id, kind: record.kind, outcome: 'not-confirmed', reasons: [`Record \`${record.id}\` names no pull request, expected the pull request its ${record.kind} came from`] };
  }
  const pull = facts.pulls.get(first.pull.number);
  const reasons = checkId(record, first.pull);
  if (record.kind === 'policy-approval') reasons.push(...checkApproval(record as EvidenceRecord<ApprovalSubject>, pull, facts));
  else if (record.kind === 'policy-acknowledgment') reasons.push(...checkAcknowledgment(record as EvidenceRecord<AcknowledgmentSubject>, pull, facts));
  else if (record.kind === 'access-review-approval') reasons.push(...checkAccessReviewApproval(record as EvidenceRecord<AccessReviewApprovalSubject>, pull, facts));
  else {
    const subject = record.subject as ExceptionSubject;
    const claim: PullClaim = first.pull.merged_at !== null ? 'merged' : 'named';
    reasons.push(...comparePullRequest(record.id, facts.repository, first.pull, claim, pull));
    if (pull?.pull) reasons.push(...compareReviews(record.id, first.pull.number, list(subject.reviews), false, pull));
  }
  return { record: record.id, kind: record.kind, outcome: reasons.length ? 'not-confirmed' : 'confirmed', reasons };
}
