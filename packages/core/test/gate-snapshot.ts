/**
 * In-memory repositories for the pull-request gate tests: a small valid program
 * whose policies and controls each test edits as text.
 */
import { checkRepository, type CheckResult } from '../src/check-repository.js';
import type { RepositorySnapshot } from '../src/model/repository-snapshot.js';
import type { SourceFile } from '../src/source-file.js';
import { createValidators } from '../src/validate/create-validators.js';

const validators = createValidators();

export const config = `organization:
  name: Example Co
  security_officer: ada-lovelace
frameworks:
  - id: soc2
    categories: [security]
audit:
  type: type2
  period:
    start: 2026-07-01
    end: 2026-12-31
teams:
  - id: security
    name: Security
    members: [ada-lovelace, grace-hopper]
`;

export const people = `people:
${['ada-lovelace', 'grace-hopper', 'alan-turing']
  .map((id) => `  - id: ${id}
    name: ${id.replace('-', ' ')}
    github: ${id.split('-')[0]}-example
    email: ${id.split('-')[0]}@example.com
    roles: [staff]
    start_date: 2025-01-06`)
  .join('\n')}
`;

export const catalog = `id: soc2
name: SOC 2 test criteria
categories:
  - id: security
    name: Security
    required: true
criteria:
${(
  [
    ['CC6.1', 'Logical access security'],
    ['CC6.2', 'User registration and authorization'],
    ['CC7.3', 'Security incident evaluation'],
  ] as const
)
  .map(([id, topic]) => `  - id: ${id}
    category: security
    family: ${id.slice(0, 3)} Family
    topic: ${topic}
    summary: A plain-language summary of the criterion.`)
  .join('\n')}
`;

const sections = (names: string[]) => names.map((n) => `## ${n}\n\nText.\n`).join('\n');

export function policy(id: string, approvers: string[], criteria: string[], extra = ''): string {
  return `---
id: ${id}
title: ${id} policy
version: "1.0"
status: approved
owner: grace-hopper
approvers: [${approvers.join(', ')}]
effective_date: 2026-07-01
review:
  cadence: annually
  next_review: 2099-06-15
criteria: [${criteria.join(', ')}]
${extra}---

# ${id}

${sections(['Purpose', 'Scope', 'Policy', 'Roles and Responsibilities', 'Exceptions', 'Enforcement'])}`;
}

export function control(id: string, criteria: string[], status: string, policies: string[] = ['access-control']): string {
  return `---
id: ${id}
title: Control ${id}
owner: security
criteria: [${criteria.join(', ')}]
policies: [${policies.join(', ')}]
status: ${status}
frequency: quarterly
evidence:
  - description: A signed record of each occurrence
    collection: manual
---

# Control ${id}

${sections(['Description', 'Test procedure'])}`;
}

/** The base program: two policies, three controls, every criterion covered. */
export function baseFiles(): { policies: SourceFile[]; controls: SourceFile[] } {
  return {
    policies: [
      { path: 'policies/access-control.md', text: policy('access-control', ['security'], ['CC6.1', 'CC6.2']) },
      { path: 'policies/incident-response.md', text: policy('incident-response', ['ada-lovelace', 'alan-turing'], ['CC7.3']) },
    ],
    controls: [
      { path: 'controls/AC-01.md', text: control('AC-01', ['CC6.1', 'CC6.2'], 'implemented') },
      { path: 'controls/AC-02.md', text: control('AC-02', ['CC6.2'], 'planned') },
      { path: 'controls/IR-01.md', text: control('IR-01', ['CC7.3'], 'operating', ['incident-response']) },
    ],
  };
}

export function snapshotOf(files: { policies: SourceFile[]; controls: SourceFile[] }): RepositorySnapshot {
  const all = [...files.policies, ...files.controls];
  return {
    config: { path: 'evident.yaml', text: config },
    people: { path: 'people.yaml', text: people },
    catalog: { path: 'frameworks/soc2/criteria.yaml', text: catalog },
    policies: files.policies,
    controls: files.controls,
    evidence: [],
    exceptions: [],
    files: ['evident.yaml', 'people.yaml', 'frameworks/soc2/criteria.yaml', ...all.map((f) => f.path)],
    readFindings: [],
  };
}

export function check(snapshot: RepositorySnapshot): CheckResult {
  return checkRepository(snapshot, { today: '2026-11-26', validators });
}
