import { describe, expect, it } from '@jest/globals';
import { withDefaults, type EvidentConfig } from '../config/config.js';
import type { Framework } from '../model/types.js';
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
    expect(messages(config(), config({ rules: { body: 'info' } }))).toEqual(['`body/broken-link` lowered from error to info', '`body/required-section` lowered from error to info', '`body/unknown-placeholder` lowered from error to info', '`body/unrendered-html` lowered from warning to info']);
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

  const KEY = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA0000000000000000000000000000000000000000000=\n-----END PUBLIC KEY-----\n';
  const OTHER = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA1111111111111111111111111111111111111111111=\n-----END PUBLIC KEY-----\n';
  const keyless = { repository: 'example/program', workflow: '.github/workflows/evidence.yml', ref: 'refs/heads/main' };
  const signing = (s: Record<string, unknown>) => config({ evidence: { signing: s } });
  const signed = { keys: [{ id: 'ed25519-d6c703ae546f0836', public_key: KEY, not_before: '2026-01-01', revoked_at: '2026-12-01' }], keyless, required_from: '2026-06-01' };

  it('names signing made more lenient: required_from removed or moved later', () => {
    const { required_from: _dropped, ...withoutRequired } = signed;
    expect(detectWeakening(signing(signed), signing(withoutRequired), [])).toEqual([
      { kind: 'signing-weakened', subject: 'evidence.signing.required_from', message: '`evidence.signing.required_from` removed: unsigned records would be accepted' },
    ]);
    expect(messages(signing(signed), config())).toEqual(['`evidence.signing.required_from` removed: unsigned records would be accepted']);
    expect(messages(signing(signed), signing({ ...signed, required_from: '2027-01-01' }))).toEqual([
      '`evidence.signing.required_from` moved from 2026-06-01 to 2027-01-01: unsigned records recorded before 2027-01-01 would be accepted',
    ]);
    // Earlier, or signing configured for the first time: stricter, nothing named.
    expect(messages(signing(signed), signing({ ...signed, required_from: '2026-03-01' }))).toEqual([]);
    expect(messages(config(), signing(signed))).toEqual([]);
  });

  it('names a signing key added, replaced, valid earlier or revoked later, and ignores keys removed', () => {
    const [key] = signed.keys;
    const head = signing({
      ...signed,
      keys: [
        { ...key, not_before: '2020-01-01', revoked_at: '2027-06-01' },
        { id: 'ed25519-0123456789abcdef', public_key: OTHER, not_before: '2020-01-01' },
      ],
    });
    expect(detectWeakening(signing(signed), head, []).map((w) => [w.kind, w.subject, w.message])).toEqual([
      ['signing-weakened', 'evidence.signing.keys.ed25519-d6c703ae546f0836', 'signing key `ed25519-d6c703ae546f0836` valid from 2020-01-01 instead of 2026-01-01: records it signed dated earlier would be accepted'],
      ['signing-weakened', 'evidence.signing.keys.ed25519-d6c703ae546f0836', 'signing key `ed25519-d6c703ae546f0836` revoked from 2027-06-01 instead of 2026-12-01: records it signed in between would be accepted'],
      ['signing-weakened', 'evidence.signing.keys.ed25519-0123456789abcdef', 'signing key `ed25519-0123456789abcdef` added: records signed with it would be accepted'],
    ]);
    expect(messages(signing(signed), signing({ ...signed, keys: [{ ...key, public_key: OTHER }] }))).toEqual([
      'signing key `ed25519-d6c703ae546f0836` given another public key: records signed with that key would be accepted',
    ]);
    const { revoked_at: _revoked, ...unrevoked } = key!;
    expect(messages(signing(signed), signing({ ...signed, keys: [unrevoked] }))).toEqual([
      'signing key `ed25519-d6c703ae546f0836` no longer revoked (was from 2026-12-01): records it signed since would be accepted',
    ]);
    expect(messages(signing(signed), signing({ ...signed, keys: [] }))).toEqual([]);
  });

  it('names a keyless signer changed or added, and ignores one removed', () => {
    expect(messages(signing(signed), signing({ ...signed, keyless: { ...keyless, workflow: '.github/workflows/other.yml' } }))).toEqual([
      'keyless signer changed from `example/program/.github/workflows/evidence.yml@refs/heads/main` to `example/program/.github/workflows/other.yml@refs/heads/main`: records that workflow signs would be accepted',
    ]);
    const { keyless: _keyless, ...keysOnly } = signed;
    expect(messages(signing(keysOnly), signing({ ...keysOnly, keyless: { ...keyless, ref: 'refs/heads/feature' } }))).toEqual([
      'keyless signer `example/program/.github/workflows/evidence.yml@refs/heads/feature` added: records that workflow signs would be accepted',
    ]);
    expect(messages(signing(signed), signing(keysOnly))).toEqual([]);
  });

  it('names the evidence branch moved', () => {
    expect(detectWeakening(config(), config({ evidence: { branch: 'evidence-v2' } }), [])).toEqual([
      {
        kind: 'evidence-branch-moved',
        subject: 'evidence.branch',
        message: "`evidence.branch` moved from `evidence` to `evidence-v2`: records would be read from a branch whose history was never verified, and which the evidence branch's ruleset may not protect",
      },
    ]);
  });

  it('names changes to the collectors, the release workflow and the git attributes, through the same list of files as the gate', () => {
    const found = detectWeakening(config(), config(), [
      '.github/workflows/evidence.yml',
      '.github/actions/evident-collect-evidence/dist/index.js',
      '.github/actions/evident-collect-evidence/action.yml',
      '.github/workflows/access.yml',
      'packages/actions/populations/dist/index.js',
      '.github/workflows/release.yml',
      '.github/actions/evident-bundle/dist/index.js',
      '.gitattributes',
      'evidence/.gitattributes',
      'evidence/notgitattributes',
      '.github/workflows/reminders.yml',
    ]);
    expect(found.every((w) => w.kind === 'gate-changed')).toBe(true);
    expect(found.map((w) => w.message)).toEqual([
      '`.github/workflows/evidence.yml` changed: it writes the evidence records (and signs them) once merged, and verifiers accept what it writes; review the change',
      '`.github/workflows/access.yml` changed: it writes the evidence records (and signs them) once merged, and verifiers accept what it writes; review the change',
      'the evidence collector action (vendored by `evident init`) changed (`.github/actions/evident-collect-evidence/action.yml`, `.github/actions/evident-collect-evidence/dist/index.js`): it writes the evidence records (and signs them) once merged, and verifiers accept what it writes; review the change',
      '`packages/actions/populations/dist/index.js` changed: it writes the evidence records (and signs them) once merged, and verifiers accept what it writes; review the change',
      '`.github/workflows/release.yml` changed: it verifies the evidence and builds the auditor bundle from it; review the change',
      '`.github/actions/evident-bundle/dist/index.js` changed: it verifies the evidence and builds the auditor bundle from it; review the change',
      'the git attributes changed (`.gitattributes`, `evidence/.gitattributes`): they change how git converts files on checkout (line endings, encodings, filters), which the gate, the collectors and the evidence hashes read; review the change',
    ]);
  });

  const framework = (criteria: [string, string][]): Framework => ({
    id: 'soc2',
    name: 'SOC 2',
    categories: [],
    criteria: criteria.map(([id, category]) => ({ id, category, family: 'F', summary: 's' })),
  });

  it('names a criterion in scope that the catalog removes or moves to a category out of scope', () => {
    const base = framework([['CC3.1', 'security'], ['CC3.2', 'security'], ['A1.1', 'availability'], ['C1.1', 'confidentiality'], ['P1.1', 'privacy']]);
    const head = framework([['CC3.1', 'confidentiality'], ['A1.1', 'security'], ['C1.1', 'processing-integrity'], ['P1.1', 'security']]);
    expect(detectWeakening(config(), config(), [], { base, head }).map((w) => [w.kind, w.subject, w.message])).toEqual([
      ['criterion-out-of-scope', 'CC3.1', "criterion `CC3.1` moved from category `security` to `confidentiality` in the framework catalog: out of scope once merged (this pull request was judged with the base's catalog)"],
      ['criterion-out-of-scope', 'CC3.2', "criterion `CC3.2` removed from the framework catalog: out of scope once merged (this pull request was judged with the base's catalog)"],
    ]);
    // A category removed from scope is named once, as a category, not through each of its criteria.
    const withAvailability = config({ frameworks: [{ id: 'soc2', categories: ['availability'] }] });
    expect(detectWeakening(withAvailability, config({ frameworks: [{ id: 'soc2', categories: [] }] }), [], { base, head: base }).map((w) => w.message)).toEqual(['category `availability` removed from scope']);
    // Without the head's catalog (it did not load), nothing is compared.
    expect(detectWeakening(config(), config(), [], { base })).toEqual([]);
  });
});
