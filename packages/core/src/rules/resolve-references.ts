import type { RepositoryModel } from '../model/repository-model.js';
import { EVERYONE } from '../model/types.js';

/** Whether `ref` names a roster person or a team from evident.yaml (a roster entry that fails the schema still names its id). */
export function isKnownReference(model: RepositoryModel, ref: string): boolean {
  return isRosterId(model, ref) || model.teams.some((t) => t.id === ref);
}

/** Whether `id` is a person id of the roster, valid or reported for failing the schema. */
export function isRosterId(model: RepositoryModel, id: string): boolean {
  return model.people.some((p) => p.id === id) || model.rosterInvalidIds?.includes(id) === true;
}

/** The roster person ids a reference stands for: the person, a team's members, or everyone active. */
export function expandReference(model: RepositoryModel, ref: string, today?: string): string[] {
  if (ref === EVERYONE) return model.people.filter((p) => today === undefined || !p.end_date || p.end_date >= today).map((p) => p.id);
  const team = model.teams.find((t) => t.id === ref);
  if (team) return [...team.members];
  return model.people.some((p) => p.id === ref) ? [ref] : [];
}
