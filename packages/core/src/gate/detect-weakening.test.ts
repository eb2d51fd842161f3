import { describe, expect, it } from '@jest/globals';
import { withDefaults, type EvidentConfig } from '../config/config.js';
import { detectWeakening } from './detect-weakening.js';

const config = (extra: Record<string, unknown> = {}): EvidentConfig =>
  withDefaults({
    organization: { name: 'Example Co', security_officer: 'ada-lovelace' },
    frameworks: [{ id: 'soc2', categories: ['security', 'availability', 'privacy'] }],
    audit: { type: 'type1', as_of: '2026-06-30' },
    ...extra,
  });
const messages = (base: EvidentConfig | undefined, head: EvidentConfig | undefined, files: string[] = []) => detectWeakening(base, head, files).map((w) => w.message);

describe('detectWeakening', () => {
  it('finds nothing when the configuration is unchanged and no gate source changed', () => {
    expect(detectWeakening(config(), config(), ['policies/access-control.md', 'packages/cli/src/bin.ts', '.github/workflows/ci.yml'])).toEqual([]);
  });

  it('names each rule turned off or lowered, and ignores raised ones', () => {
    const base = config({ rules: { 'review/overdue': 'error', 'control/no-policy': 'info' } });
    const head = config({ rules: { 'reference/unknown-person': 'off', 'review/overdue': 'warning', 'control/no-policy': 'error' } });
    expect(detectWeakening(base, head, [])).toEqual([
      { kind: 'rule-lowered', subject: 'reference/unknown-person', message: '`reference/unknown-person` lowered from error to off' },
      { kind: 'rule-lowered', subject: 'review/overdue', message: '`review/overdue` lowered from error to warning' },
    ]);
  });

  it('reports a prefix turned off through every rule it covers', () => {
    expect(messages(config(), config({ rules: { body: 'info' } }))).toEqual(['`body/broken-link` lowered from error to info', '`body/required-section` lowered from error to info', '`body/unrendered-html` lowered from warning to info']);
    // A rule id set back to its default after a prefix: no change for that id.
    expect(messages(config({ rules: { body: 'warning' } }), config({ rules: { body: 'warning', 'body/broken-link': 'error' } }))).toEqual([]);
  });

  it('names categories removed from scope; security is always in scope', () => {
    const head = config({ frameworks: [{ id: 'soc2', categories: ['availability'] }] });
    expect(messages(config(), head)).toEqual(['category `privacy` removed from scope']);
    expect(messages(head, config())).toEqual([]);
  });

  it('names moved paths and removed required sections', () => {
    const head = config({ paths: { policies: 'elsewhere' }, policies: { required_sections: ['Purpose', 'Scope', 'Policy', 'Roles and Responsibilities', 'Exceptions'] }, controls: { required_sections: [] } });
    expect(messages(config(), head)).toEqual([
      '`paths.policies` moved from `policies` to `elsewhere`',
      'required policy section `Enforcement` removed',
      'required control section `Description` removed',
      'required control section `Test procedure` removed',
    ]);
  });

  it('names changes to the gate workflow and the check sources, listing at most five files', () => {
    const core = Array.from({ length: 7 }, (_, i) => `packages/core/src/rules/r${i}.ts`);
    const found = detectWeakening(config(), config(), ['.github/workflows/pr-gate.yml', 'packages/actions/check/action.yml', ...core, 'packages/corelike/x.ts', '.github/CODEOWNERS']);
    expect(found.map((w) => [w.kind, w.subject])).toEqual([
      ['gate-changed', '.github/workflows/pr-gate.yml'],
      ['gate-changed', 'packages/actions/check/'],
      ['gate-changed', 'packages/core/'],
      ['gate-changed', '.github/CODEOWNERS'],
    ]);
    expect(found.map((w) => w.message)).toEqual([
      "`.github/workflows/pr-gate.yml` changed: the gate that runs is the base's; review the change",
      "`packages/actions/check/action.yml` changed: the gate that runs is the base's; review the change",
      "the core library of the check changed (`packages/core/src/rules/r0.ts`, `packages/core/src/rules/r1.ts`, `packages/core/src/rules/r2.ts`, `packages/core/src/rules/r3.ts`, `packages/core/src/rules/r4.ts` and 2 more): the gate that runs is the base's; review the change",
      "`.github/CODEOWNERS` changed: this pull request is reviewed by the base's code owners; review the change",
    ]);
  });

  it('names a heading alias added for a required section', () => {
    const base = config({ policies: { required_sections: ['Purpose'], section_aliases: { Purpose: ['Objective'] } } });
    const head = config({ policies: { required_sections: ['Purpose'], section_aliases: { Purpose: ['Objective', 'Background'] } } });
    expect(messages(base, head)).toEqual(['heading `Background` now counts as required policy section `Purpose`']);
    expect(messages(head, base)).toEqual([]);
  });

  it('names a change to the check action an adopting repository vendors', () => {
    expect(messages(config(), config(), ['.github/actions/evident-check/dist/index.js'])).toEqual([
      "`.github/actions/evident-check/dist/index.js` changed: the gate that runs is the base's; review the change",
    ]);
  });

  it('compares only files when either configuration is missing', () => {
    expect(messages(undefined, config({ rules: { 'review/overdue': 'off' } }), ['packages/actions/check/src/main.ts'])).toEqual([
      "`packages/actions/check/src/main.ts` changed: the gate that runs is the base's; review the change",
    ]);
    expect(messages(config(), undefined)).toEqual([]);
  });
});
