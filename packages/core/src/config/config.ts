import type { Severity } from '../diagnostic.js';
import type { CategoryId, Team } from '../model/types.js';
import type { SigningConfig } from '../evidence/check-record-signatures.js';

/** A control expected of someone else for the system's controls to achieve their objectives (a CUEC or CSOC). */
export interface ComplementaryControl {
  description: string;
  criteria?: string[];
}

/** A vendor whose services are part of the system, carved out of the report or included in it. */
export interface SubserviceOrganization {
  name: string;
  services: string;
  method: 'carve-out' | 'inclusive';
  report?: string;
  /** Complementary subservice organisation controls. */
  controls?: ComplementaryControl[];
}

/** evident.yaml after validation, with every default applied. */
export interface EvidentConfig {
  organization: {
    name: string;
    security_officer: string;
    description?: string;
    systems: { name: string; description: string; components?: string[]; owner?: string }[];
    commitments: string[];
    /** The system description's parts beyond systems and commitments (docs/bundle.md). */
    services: { name: string; description: string }[];
    boundary?: string;
    data_categories: { name: string; description: string; systems?: string[] }[];
    subservice_organizations: SubserviceOrganization[];
    user_entity_controls: ComplementaryControl[];
  };
  frameworks: { id: 'soc2'; categories: CategoryId[] }[];
  audit: { type: 'type1' | 'type2'; as_of?: string; period?: { start: string; end: string }; auditor?: string };
  teams: Team[];
  paths: { policies: string; controls: string; evidence: string; people: string; frameworks: string; exceptions: string };
  /** Sections every policy (control) must have, and other titles that count as each (`section_aliases`). */
  policies: { required_sections: string[]; section_aliases?: Record<string, string[]> };
  controls: { required_sections: string[]; section_aliases?: Record<string, string[]> };
  limits: { max_file_bytes: number };
  rules: Record<string, Severity | 'off'>;
  /** `signing`: the public keys that verify evidence records' signatures (absent: none configured). */
  evidence: { branch: string; repositories: string[]; signing?: SigningConfig };
  /** GitHub access snapshots and reviews (`access` in evident.yaml). */
  access: { organization?: string; admin_roles?: string[]; review_control?: string };
  release: { tag_pattern: string };
}

export const CONFIG_FILE = 'evident.yaml';

export const defaultPaths: EvidentConfig['paths'] = {
  policies: 'policies',
  controls: 'controls',
  evidence: 'evidence',
  people: 'people.yaml',
  frameworks: 'frameworks',
  exceptions: 'exceptions',
};

export const defaultPolicySections = ['Purpose', 'Scope', 'Policy', 'Roles and Responsibilities', 'Exceptions', 'Enforcement'];
export const defaultControlSections = ['Description', 'Test procedure'];
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/** Apply defaults to data that already passed the config schema. */
export function withDefaults(data: Record<string, any>): EvidentConfig {
  return {
    organization: { systems: [], commitments: [], services: [], data_categories: [], subservice_organizations: [], user_entity_controls: [], ...data.organization },
    frameworks: data.frameworks,
    audit: data.audit,
    teams: data.teams ?? [],
    paths: { ...defaultPaths, ...data.paths },
    policies: { required_sections: data.policies?.required_sections ?? defaultPolicySections, section_aliases: data.policies?.section_aliases ?? {} },
    controls: { required_sections: data.controls?.required_sections ?? defaultControlSections, section_aliases: data.controls?.section_aliases ?? {} },
    limits: { max_file_bytes: data.limits?.max_file_bytes ?? DEFAULT_MAX_FILE_BYTES },
    rules: data.rules ?? {},
    evidence: { branch: data.evidence?.branch ?? 'evidence', repositories: data.evidence?.repositories ?? [], ...(data.evidence?.signing ? { signing: data.evidence.signing } : {}) },
    access: { ...data.access },
    release: { tag_pattern: data.release?.tag_pattern ?? 'v*' },
  };
}

/** The categories in scope: security always, plus those selected. */
export function categoriesInScope(config: EvidentConfig): Set<string> {
  const selected = new Set<string>(['security']);
  for (const framework of config.frameworks) for (const category of framework.categories) selected.add(category);
  return selected;
}
