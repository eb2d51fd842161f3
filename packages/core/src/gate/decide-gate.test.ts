import { describe, expect, it } from '@jest/globals';
import type { CoverageChange } from '../coverage/compare-coverage.js';
import type { Diagnostic } from '../diagnostic.js';
import { decideGate } from './decide-gate.js';

const finding = (severity: Diagnostic['severity']): Diagnostic => ({ ruleId: 'schema', severity, message: 'Unexpected value', file: 'policies/a.md', line: 3 });
const change = (criterion: string, uncoveredNow: boolean): CoverageChange => ({
  criterion,
  before: { controls: ['AC-01'], implemented: ['AC-01'], state: 'implemented' },
  after: { controls: [], implemented: [], state: 'uncovered' },
  gained: [],
  lost: ['AC-01'],
  gainedImplemented: [],
  lostImplemented: ['AC-01'],
  uncoveredNow,
});

describe('decideGate', () => {
  it('passes with warnings and info only', () => {
    expect(decideGate({ diagnostics: [finding('warning'), finding('info')], coverageChanges: [], configFailed: false, strict: false })).toEqual({ passed: true, reasons: [], lostLastControl: [] });
  });

  it('fails on errors, and on warnings when strict', () => {
    expect(decideGate({ diagnostics: [finding('error'), finding('error')], coverageChanges: undefined, configFailed: false, strict: false }).reasons).toEqual(['Unexpected 2 errors, expected none']);
    expect(decideGate({ diagnostics: [finding('warning')], coverageChanges: undefined, configFailed: false, strict: true }).reasons).toEqual(['Unexpected 1 warning in strict mode, expected none']);
  });

  it('fails when an in-scope criterion loses its last control, even without findings', () => {
    const decision = decideGate({ diagnostics: [], coverageChanges: [change('CC7.3', true), change('CC6.1', false)], configFailed: false, strict: false });
    expect(decision).toEqual({
      passed: false,
      reasons: ['Unexpected removal of the last control of in-scope criterion `CC7.3`, expected at least one control to remain mapped'],
      lostLastControl: ['CC7.3'],
    });
  });

  it('fails when evident.yaml is unusable', () => {
    expect(decideGate({ diagnostics: [], coverageChanges: undefined, configFailed: true, strict: false }).passed).toBe(false);
  });
});
