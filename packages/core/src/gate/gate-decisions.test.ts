/**
 * Each decision the pull-request gate takes, from the documents to the verdict: the head judged
 * with the base's rules and scope (checkAgainstBase), coverage compared with the base
 * (compareCoverage), and decideGate. A criterion the head takes out of scope while removing its
 * last control still fails the gate: the scope (categories, and the catalog's criteria) is the base's.
 */
import { describe, expect, it } from '@jest/globals';
import { baseFiles, catalog, config, snapshotOf } from '../../test/gate-snapshot.js';
import { loadConfig } from '../config/load-config.js';
import { compareCoverage } from '../coverage/compare-coverage.js';
import { computeCoverage, type Coverage } from '../coverage/compute-coverage.js';
import type { Diagnostic } from '../diagnostic.js';
import type { RepositorySnapshot } from '../model/repository-snapshot.js';
import { createValidators } from '../validate/create-validators.js';
import { buildBaseModel } from './build-base-model.js';
import { checkAgainstBase } from './check-against-base.js';
import { decideGate, type GateInput } from './decide-gate.js';
import { detectWeakening } from './detect-weakening.js';

const validators = createValidators();

/** The program with availability in scope and criterion A1.2 (category availability) mapped by control AV-01 only. */
const withAvailability = {
  config: config.replace('categories: [security]', 'categories: [security, availability]'),
  catalog: catalog.replace(
    'criteria:\n',
    'criteria:\n  - id: A1.2\n    category: availability\n    family: A1 Additional Criteria for Availability\n    topic: Recovery\n    summary: A plain-language summary of the criterion.\n',
  ).replace('    required: true\n', '    required: true\n  - id: availability\n    name: Availability\n    required: false\n'),
};

function program(edit: { config?: (text: string) => string; catalog?: (text: string) => string; av01Criteria?: string[] } = {}): RepositorySnapshot {
  const files = baseFiles();
  const control = files.controls[0]!.text.replace('id: AC-01', 'id: AV-01').replace('title: Control AC-01', 'title: Control AV-01').replace('# Control AC-01', '# Control AV-01');
  const criteria = edit.av01Criteria ?? ['A1.2', 'CC6.1'];
  files.controls.push({ path: 'controls/AV-01.md', text: control.replace('criteria: [CC6.1, CC6.2]', `criteria: [${criteria.join(', ')}]`) });
  const snapshot = snapshotOf(files);
  const configText = (edit.config ?? ((t: string) => t))(withAvailability.config);
  const catalogText = (edit.catalog ?? ((t: string) => t))(withAvailability.catalog);
  return { ...snapshot, config: { path: 'evident.yaml', text: configText }, catalog: { ...snapshot.catalog!, text: catalogText }, files: [...snapshot.files] };
}

/** The gate as the check action runs it: head judged against the base, coverage compared, decided. */
function gate(base: RepositorySnapshot, head: RepositorySnapshot, strict = false) {
  const baseConfig = loadConfig(base.config, validators).config;
  const checked = checkAgainstBase(head, baseConfig, { today: '2026-11-26', validators, baseCatalog: base.catalog });
  const baseModel = buildBaseModel(base, { snapshot: head, model: checked.model }, validators);
  const coverageChanges = compareCoverage(computeCoverage(baseModel!), computeCoverage(checked.model!));
  const weakenings = detectWeakening(baseConfig, checked.headConfig, [], checked.catalogs);
  return { decision: decideGate({ diagnostics: checked.diagnostics, coverageChanges, configFailed: checked.configFailed, strict }), coverageChanges, checked, weakenings };
}

/** The catalog with criterion A1.2 given another category (the catalog declares privacy too). */
const a12In = (category: string) => (text: string) =>
  text.replace('    category: availability\n', `    category: ${category}\n`).replace('    required: true\n', '    required: true\n  - id: privacy\n    name: Privacy\n    required: false\n');
/** The catalog without criterion A1.2. */
const withoutA12 = (text: string) => text.replace(/  - id: A1\.2\n(    .*\n)+?(?=  - id: )/, '');
const lastControlOfA12 = 'Unexpected removal of the last control of in-scope criterion `A1.2`, expected at least one control to remain mapped';

describe('the pull-request gate, end to end over in-memory programs', () => {
  it('passes an unchanged program', () => {
    const { decision, checked } = gate(program(), program());
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(decision).toEqual({ passed: true, reasons: [], lostLastControl: [] });
  });

  it('fails when the head removes the last control of an in-scope criterion', () => {
    const { decision } = gate(program(), program({ av01Criteria: ['CC6.1'] }));
    expect(decision.passed).toBe(false);
    expect(decision.lostLastControl).toEqual(['A1.2']);
  });

  it('fails when the head takes the criterion out of scope in the same change: the scope is the base\'s', () => {
    const head = program({ av01Criteria: ['CC6.1'], config: (t) => t.replace('categories: [security, availability]', 'categories: [security]') });
    const { decision, checked, coverageChanges } = gate(program(), head);
    expect(checked.diagnostics.map((d) => `${d.severity} ${d.ruleId}`)).toEqual(['error coverage/uncovered-criterion']);
    expect([...checked.model!.categories].sort()).toEqual(['availability', 'security']);
    expect(coverageChanges.find((c) => c.criterion === 'A1.2')).toMatchObject({ lost: ['AV-01'], uncoveredNow: true, after: { state: 'uncovered' } });
    expect(decision).toEqual({
      passed: false,
      reasons: ['Unexpected 1 error, expected none', 'Unexpected removal of the last control of in-scope criterion `A1.2`, expected at least one control to remain mapped'],
      lostLastControl: ['A1.2'],
    });
  });

  it("fails when the head's catalog moves the criterion to a category out of scope in the same change: the catalog that decides scope is the base's", () => {
    const { decision, checked, coverageChanges, weakenings } = gate(program(), program({ av01Criteria: ['CC6.1'], catalog: a12In('privacy') }));
    expect(checked.catalogs.head?.criteria.find((c) => c.id === 'A1.2')?.category).toBe('privacy');
    expect(checked.model!.criteriaInScope.map((c) => c.id)).toContain('A1.2');
    expect(checked.diagnostics.map((d) => `${d.severity} ${d.ruleId}`)).toEqual(['error coverage/uncovered-criterion']);
    expect(coverageChanges.find((c) => c.criterion === 'A1.2')).toMatchObject({ lost: ['AV-01'], uncoveredNow: true, after: { state: 'uncovered' } });
    expect(decision).toEqual({ passed: false, reasons: ['Unexpected 1 error, expected none', lastControlOfA12], lostLastControl: ['A1.2'] });
    expect(weakenings.map((w) => [w.kind, w.subject, w.message])).toEqual([
      ['criterion-out-of-scope', 'A1.2', "criterion `A1.2` moved from category `availability` to `privacy` in the framework catalog: out of scope once merged (this pull request was judged with the base's catalog)"],
    ]);
  });

  it("fails when the head's catalog removes the criterion while its last control is unmapped", () => {
    const { decision, weakenings } = gate(program(), program({ av01Criteria: ['CC6.1'], catalog: withoutA12 }));
    expect(decision.lostLastControl).toEqual(['A1.2']);
    expect(decision.passed).toBe(false);
    expect(weakenings.map((w) => w.message)).toEqual(["criterion `A1.2` removed from the framework catalog: out of scope once merged (this pull request was judged with the base's catalog)"]);
  });

  it('passes the catalog change on its own while the control stays mapped, and the unmapping after it merges', () => {
    const moved = gate(program(), program({ catalog: a12In('privacy') }));
    expect(moved.decision.passed).toBe(true);
    expect(moved.weakenings.map((w) => w.kind)).toEqual(['criterion-out-of-scope']);
    const then = gate(program({ catalog: a12In('privacy') }), program({ av01Criteria: ['CC6.1'], catalog: a12In('privacy') }));
    expect(then.decision).toEqual({ passed: true, reasons: [], lostLastControl: [] });
    expect(then.weakenings).toEqual([]);
  });

  it("passes a criterion the head's catalog adds and a control maps: references resolve against the head's catalog", () => {
    const addA13 = (text: string) => text.replace('criteria:\n', 'criteria:\n  - id: A1.3\n    category: availability\n    family: A1 Additional Criteria for Availability\n    topic: Testing\n    summary: A plain-language summary of the criterion.\n');
    const { decision, checked, weakenings } = gate(program(), program({ av01Criteria: ['A1.2', 'A1.3', 'CC6.1'], catalog: addA13 }));
    expect(checked.diagnostics).toEqual([]);
    expect(decision.passed).toBe(true);
    expect(weakenings).toEqual([]);
  });

  it('passes a catalog change that moves a criterion between categories in scope, and names nothing', () => {
    const { decision, weakenings } = gate(program(), program({ catalog: a12In('security') }));
    expect(decision.passed).toBe(true);
    expect(weakenings).toEqual([]);
  });

  it('passes when the head adds a category to scope with no control yet: nothing was lost', () => {
    const base = program({ config: (t) => t.replace('categories: [security, availability]', 'categories: [security]'), av01Criteria: ['CC6.1'] });
    const { decision } = gate(base, program({ av01Criteria: ['CC6.1'] }));
    expect(decision.lostLastControl).toEqual([]);
  });
});

const row = (criterion: string, controls: string[], state: Coverage['rows'][number]['state']): Coverage['rows'][number] => ({
  criterion: { id: criterion, category: 'security', family: 'CC6', topic: 't', summary: 's' } as Coverage['rows'][number]['criterion'],
  controls: controls.map((id) => ({ id, title: id, status: state === 'uncovered' ? 'planned' : state, path: `controls/${id}.md` })) as Coverage['rows'][number]['controls'],
  policies: [],
  state,
});
const coverage = (...rows: Coverage['rows']): Coverage => ({ rows, totals: { criteria: rows.length, covered: 0, uncovered: 0, planned: 0, implemented: 0, operating: 0 } });

describe('compareCoverage decisions', () => {
  it('marks a criterion that loses its last control as uncovered now, and one that keeps a control as not', () => {
    const changes = compareCoverage(coverage(row('CC6.1', ['AC-01'], 'implemented'), row('CC6.2', ['AC-01', 'AC-02'], 'implemented')), coverage(row('CC6.1', [], 'uncovered'), row('CC6.2', ['AC-02'], 'planned')));
    expect(changes.map((c) => [c.criterion, c.lost, c.uncoveredNow, c.lostImplemented])).toEqual([
      ['CC6.1', ['AC-01'], true, ['AC-01']],
      ['CC6.2', ['AC-01'], false, ['AC-01', 'AC-02']],
    ]);
  });

  it('does not mark a criterion that had no control on the base, nor one that leaves the head\'s rows', () => {
    const changes = compareCoverage(coverage(row('CC6.1', [], 'uncovered'), row('CC7.3', ['IR-01'], 'operating')), coverage(row('CC6.1', [], 'uncovered')));
    expect(changes.map((c) => [c.criterion, c.after.state, c.uncoveredNow])).toEqual([['CC7.3', 'out-of-scope', false]]);
  });

  it('lists a criterion that comes into scope without a control, without marking it as uncovered now: nothing was lost', () => {
    const changes = compareCoverage(coverage(row('CC6.1', ['AC-01'], 'implemented')), coverage(row('CC6.1', ['AC-01'], 'implemented'), row('CC6.3', [], 'uncovered')));
    expect(changes.map((c) => [c.criterion, c.before.state, c.after.state, c.uncoveredNow])).toEqual([['CC6.3', 'out-of-scope', 'uncovered', false]]);
    expect(decideGate({ ...none, coverageChanges: changes })).toEqual({ passed: true, reasons: [], lostLastControl: [] });
  });

  it('lists gained controls and status changes, and leaves unchanged criteria out', () => {
    const changes = compareCoverage(coverage(row('CC6.1', ['AC-01'], 'planned'), row('CC6.2', ['AC-02'], 'planned')), coverage(row('CC6.1', ['AC-01', 'AC-03'], 'implemented'), row('CC6.2', ['AC-02'], 'planned')));
    expect(changes.map((c) => [c.criterion, c.gained, c.gainedImplemented, c.uncoveredNow])).toEqual([['CC6.1', ['AC-03'], ['AC-01', 'AC-03'], false]]);
  });
});

const finding = (severity: Diagnostic['severity']): Diagnostic => ({ ruleId: 'schema', severity, message: 'Unexpected value', file: 'policies/a.md', line: 3 });
const lost = { criterion: 'CC7.3', before: { controls: ['IR-01'], implemented: ['IR-01'], state: 'operating' as const }, after: { controls: [], implemented: [], state: 'uncovered' as const }, gained: [], lost: ['IR-01'], gainedImplemented: [], lostImplemented: ['IR-01'], uncoveredNow: true };
const none: GateInput = { diagnostics: [], coverageChanges: undefined, configFailed: false, strict: false };

describe('decideGate decisions', () => {
  it.each<[string, Partial<GateInput>, boolean, string[]]>([
    ['nothing found', {}, true, []],
    ['info only', { diagnostics: [finding('info')] }, true, []],
    ['info only, strict', { diagnostics: [finding('info')], strict: true }, true, []],
    ['a warning', { diagnostics: [finding('warning')] }, true, []],
    ['a warning, strict', { diagnostics: [finding('warning')], strict: true }, false, ['Unexpected 1 warning in strict mode, expected none']],
    ['two warnings, strict', { diagnostics: [finding('warning'), finding('warning')], strict: true }, false, ['Unexpected 2 warnings in strict mode, expected none']],
    ['an error', { diagnostics: [finding('error')] }, false, ['Unexpected 1 error, expected none']],
    ['an unusable evident.yaml', { configFailed: true }, false, ['Unexpected unusable `evident.yaml`, expected a valid configuration (see the findings)']],
    ['no base to compare with', { coverageChanges: undefined }, true, []],
    ['a coverage change that keeps a control', { coverageChanges: [{ ...lost, uncoveredNow: false }] }, true, []],
    ['a lost last control', { coverageChanges: [lost] }, false, ['Unexpected removal of the last control of in-scope criterion `CC7.3`, expected at least one control to remain mapped']],
    [
      'everything at once, in order',
      { configFailed: true, diagnostics: [finding('error'), finding('warning')], strict: true, coverageChanges: [lost] },
      false,
      [
        'Unexpected unusable `evident.yaml`, expected a valid configuration (see the findings)',
        'Unexpected 1 error, expected none',
        'Unexpected 1 warning in strict mode, expected none',
        'Unexpected removal of the last control of in-scope criterion `CC7.3`, expected at least one control to remain mapped',
      ],
    ],
  ])('%s', (_name, input, passed, reasons) => {
    const decision = decideGate({ ...none, ...input });
    expect(decision.passed).toBe(passed);
    expect(decision.reasons).toEqual(reasons);
    expect(decision.lostLastControl).toEqual((input.coverageChanges ?? []).filter((c) => c.uncoveredNow).map((c) => c.criterion));
  });
});
