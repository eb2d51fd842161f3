import { describe, expect, it } from '@jest/globals';
import type { Control } from '../model/types.js';
import { addedRecordSources } from './added-record-sources.js';

const control = (id: string, ...sources: string[]): Pick<Control, 'id' | 'evidence'> => ({ id, evidence: sources.map((source) => ({ source, collection: 'manual' }) as Control['evidence'][number]) });

describe('addedRecordSources', () => {
  it('names a record source a control the base had starts naming, not one it already named, a manual source, or a new control', () => {
    const base = [control('AC-01', 'Identity provider export'), control('CM-01', 'evident:change-population'), control('VM-01', 'Scanner export')];
    const head = [
      control('AC-01', 'Identity provider export', 'evident:branch-rules', 'evident:vulnerability-alerts'),
      control('CM-01', 'evident:change-population'),
      control('VM-01', 'Another export'),
      control('NEW-01', 'evident:branch-rules'),
    ];
    expect(addedRecordSources(base, head)).toEqual([
      { kind: 'record-source-added', subject: 'AC-01', message: 'control `AC-01` now counts `evident:branch-rules` records as its evidence: each one collected would meet its occurrences' },
      { kind: 'record-source-added', subject: 'AC-01', message: 'control `AC-01` now counts `evident:vulnerability-alerts` records as its evidence: each one collected would meet its occurrences' },
    ]);
  });

  it('names nothing when the sources are unchanged or removed', () => {
    expect(addedRecordSources([control('CM-01', 'evident:change-population')], [control('CM-01')])).toEqual([]);
  });
});
