import type { BundleView } from '../model/build-bundle-view.js';
import { referenceLinks, type ReferenceLink } from './reference-links.js';

/** The system description as the index page and the management assertion show it, from evident.yaml and the roster. Pure. */
export interface SystemDescription {
  organization: string;
  description?: string;
  services: { name: string; description: string }[];
  systems: { name: string; description: string; components: string[]; owner?: string }[];
  boundary?: string;
  dataCategories: { name: string; description: string; systems: string }[];
  teams: { name: string; responsibilities?: string; members: string }[];
  people: { active: number; teams: number };
  subservice: { name: string; services: string; method: string; report?: string; controls: { description: string; criteria: ReferenceLink[] }[] }[];
  userEntityControls: { description: string; criteria: ReferenceLink[] }[];
  commitments: string[];
  /** Display names of the system owners. */
  owners: string[];
}

/** Roster person or team id to a display name: `Dana Whitfield`, `Engineering (team)`; an unknown id stays as written. */
export function displayName(view: BundleView, id: string): string {
  const { people, teams } = view.inputs.model;
  const person = people.find((p) => p.id === id);
  if (person) return person.name;
  const team = teams.find((t) => t.id === id);
  return team ? `${team.name} (team)` : id;
}

export function systemDescription(view: BundleView, prefix = ''): SystemDescription {
  const { config, people, teams } = view.inputs.model;
  const org = config.organization;
  const refs = referenceLinks(view, prefix);
  const today = view.inputs.today;
  const active = people.filter((p) => p.start_date <= today && (p.end_date === undefined || p.end_date >= today));
  const systems = org.systems.map((s) => ({ name: s.name, description: s.description, components: s.components ?? [], ...(s.owner ? { owner: displayName(view, s.owner) } : {}) }));
  return {
    organization: org.name,
    ...(org.description ? { description: org.description } : {}),
    services: org.services,
    systems,
    ...(org.boundary ? { boundary: org.boundary } : {}),
    dataCategories: org.data_categories.map((d) => ({ name: d.name, description: d.description, systems: (d.systems ?? []).join(', ') })),
    teams: teams.map((t) => ({ name: t.name, ...(t.responsibilities ? { responsibilities: t.responsibilities } : {}), members: t.members.map((m) => displayName(view, m)).join(', ') })),
    people: { active: active.length, teams: teams.length },
    subservice: org.subservice_organizations.map((s) => ({ name: s.name, services: s.services, method: s.method, ...(s.report ? { report: s.report } : {}), controls: (s.controls ?? []).map((c) => ({ description: c.description, criteria: (c.criteria ?? []).map(refs.criterion) })) })),
    userEntityControls: org.user_entity_controls.map((c) => ({ description: c.description, criteria: (c.criteria ?? []).map(refs.criterion) })),
    commitments: org.commitments,
    owners: [...new Set(systems.flatMap((s) => (s.owner ? [s.owner] : [])))],
  };
}
