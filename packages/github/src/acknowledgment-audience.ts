import { expandReference, type Person, type Policy, type RepositoryModel } from '@evident/core';

/** Everyone a policy's `acknowledgment.audience` names (teams and `everyone` expanded), leavers included, in roster order. Pure. */
export function acknowledgmentAudience(model: Pick<RepositoryModel, 'people' | 'teams'>, policy: Pick<Policy, 'acknowledgment'>): Person[] {
  const ids = new Set((policy.acknowledgment?.audience ?? []).flatMap((ref) => expandReference(model as RepositoryModel, ref)));
  return model.people.filter((p) => ids.has(p.id));
}

/** Whether someone is on the roster on `today`: started, and not yet left. */
export function isActive(person: Pick<Person, 'start_date' | 'end_date'>, today: string): boolean {
  return person.start_date <= today && (!person.end_date || person.end_date >= today);
}

export interface PolicySelection {
  policies: Policy[];
  /** Messages for ids that cannot be acknowledged. */
  problems: string[];
}

/** The policies an acknowledgment campaign covers: the named ones, or every approved policy with an `acknowledgment` field. Pure. */
export function selectAcknowledgmentPolicies(model: Pick<RepositoryModel, 'policies'>, ids: readonly string[] | 'all'): PolicySelection {
  if (ids === 'all') return { policies: model.policies.filter((p) => p.acknowledgment && p.status === 'approved'), problems: [] };
  const policies: Policy[] = [];
  const problems: string[] = [];
  for (const id of ids) {
    const policy = model.policies.find((p) => p.id === id);
    if (!policy) problems.push(`Unexpected policy \`${id}\`, expected an id from the policies folder`);
    else if (!policy.acknowledgment) problems.push(`Unexpected policy \`${id}\` without an \`acknowledgment\` field, expected a policy that names its audience`);
    else if (policy.status !== 'approved') problems.push(`Unexpected policy \`${id}\` with \`status: ${policy.status}\`, expected an approved policy: people acknowledge a policy once it is approved`);
    else if (!policies.includes(policy)) policies.push(policy);
  }
  return { policies, problems };
}
