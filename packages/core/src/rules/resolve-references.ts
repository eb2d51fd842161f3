import type { RepositoryModel } from '../model/repository-model.js';
import { EVERYONE } from '../model/types.js';

/** Whether `ref` names a roster person or a team from evident.yaml. */
export function isKnownReference(model: RepositoryModel, ref: string): boolean {
  return model.people.some((p) => p.id === ref) || model.teams.some((t) => t.id === ref);
}

/** The roster person ids a reference stands for: the person, a team's members, or everyone active. */
export function expandReference(model: RepositoryModel, ref: string, today?: string): string[] {
  if (ref === EVERYONE) return model.people.filter((p) => today === undefined || !p.end_date || p.end_date >= today).map((p) => p.id);
  const team = model.teams.find((t) => t.id === ref);
  if (team) return [...team.members];
  return model.people.some((p) => p.id === ref) ? [ref] : [];
}
