import type { RepositoryModel } from '../model/repository-model.js';
import type { IsoDate } from '../time/calendar.js';
import type { ExceptionItem } from './readiness-report.js';

/**
 * One content of a policy file as git shows it on the default branch: what its frontmatter says
 * and when the commit that brought it landed. The bundle reads these from the history; `evident
 * status` has none.
 */
export interface PolicyContent {
  /** Policy id from the content's frontmatter. */
  policy: string;
  version: string;
  /** SHA-256 of the file's bytes: what approvals and acknowledgments bind to. */
  sha256: string;
  /** `effective_date` of the frontmatter, when it has one. */
  effective_date?: IsoDate;
  status: string;
  path: string;
  commit: string;
  /** Day the commit that brought this content reached the default branch. */
  committed_on: IsoDate;
}

const short = (commit: string) => commit.slice(0, 7);

/** The day the current content of a policy reached the default branch (the latest commit that brought exactly that content). */
export function contentCommittedOn(contents: readonly PolicyContent[], policy: string, sha256: string): IsoDate | undefined {
  let on: IsoDate | undefined;
  for (const c of contents) if (c.policy === policy && c.sha256 === sha256 && (on === undefined || c.committed_on > on)) on = c.committed_on;
  return on;
}

/**
 * What the history shows of approved policy versions: a version whose `effective_date` falls
 * before the first commit that brought that version number, when that commit came after the period
 * started (its text did not exist for part of the period it claims), and a version number carried
 * by different texts (a change that kept its number). Pure.
 */
export function policyVersionExceptions(model: Pick<RepositoryModel, 'policies' | 'config'>, contents: readonly PolicyContent[], period: { start: IsoDate; end: IsoDate }): ExceptionItem[] {
  const byVersion = new Map<string, PolicyContent[]>();
  for (const c of contents) {
    if (c.status !== 'approved') continue;
    const key = `${c.policy}\0${c.version}`;
    byVersion.set(key, [...(byVersion.get(key) ?? []), c]);
  }
  const out: ExceptionItem[] = [];
  for (const list of byVersion.values()) {
    const sorted = [...list].sort((a, b) => (a.committed_on < b.committed_on ? -1 : a.committed_on > b.committed_on ? 1 : 0));
    const first = sorted[0]!;
    const current = model.policies.find((p) => p.id === first.policy);
    const owner = current?.owner ?? model.config.organization.security_officer;
    const file = current?.source.path ?? first.path;
    const effective = sorted.find((c) => c.effective_date !== undefined)?.effective_date;
    if (effective !== undefined && effective < first.committed_on && first.committed_on > period.start) {
      out.push({
        id: `backdated-policy-version:${first.policy}:${first.version}`,
        kind: 'backdated-policy-version',
        subject: first.policy,
        owner,
        detail: `Policy ${first.policy} version ${first.version} says it is effective from ${effective}, but the commit that introduced it (${short(first.commit)}, ${first.path}) reached the default branch on ${first.committed_on}.`,
        file,
      });
    }
    const texts = new Map<string, PolicyContent>();
    for (const c of sorted) if (!texts.has(c.sha256)) texts.set(c.sha256, c);
    if (texts.size > 1) {
      const each = [...texts.values()].map((c) => `${c.sha256.slice(0, 12)} committed ${c.committed_on} in ${short(c.commit)}`);
      out.push({
        id: `reused-policy-version:${first.policy}:${first.version}`,
        kind: 'reused-policy-version',
        subject: first.policy,
        owner,
        detail: `Policy ${first.policy} has ${texts.size} different texts numbered version ${first.version} (${each.join('; ')}): its text changed without a new version number.`,
        file,
      });
    }
  }
  return out;
}
