import { describe, expect, it } from '@jest/globals';
import type { Diagnostic, Severity } from '../diagnostic.js';
import { selectAnnotations } from './select-annotations.js';

const make = (severity: Severity, n: number): Diagnostic[] => Array.from({ length: n }, (_, i) => ({ ruleId: 'schema', severity, message: `${severity} ${i}`, file: 'a.md', line: i + 1 }));

describe('selectAnnotations', () => {
  it('keeps the first 10 of each level, in order, and counts the rest', () => {
    const diagnostics = [...make('error', 12), ...make('warning', 3), ...make('info', 11)];
    const { selected, omitted } = selectAnnotations(diagnostics);
    expect(selected.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual(make('error', 10).map((d) => d.message));
    expect(selected.filter((d) => d.severity === 'warning')).toHaveLength(3);
    expect(selected.filter((d) => d.severity === 'info')).toHaveLength(10);
    expect(omitted).toEqual({ error: 2, warning: 0, info: 1 });
  });

  it('keeps the original interleaving', () => {
    const diagnostics = [make('warning', 1)[0]!, make('error', 1)[0]!];
    expect(selectAnnotations(diagnostics, { error: 1, warning: 1, info: 0 }).selected).toEqual(diagnostics);
  });
});
