import { describe, expect, it } from '@jest/globals';
import type { EvidenceItem, EvidenceMetadata } from './evidence-item.js';
import { unexpectedEvent } from './unexpected-event.js';

const controls = [
  { id: 'AC-01', frequency: 'quarterly' as const },
  { id: 'AC-02', frequency: 'monthly' as const },
  { id: 'AC-03', frequency: 'event' as const },
];

function item(metadata: Partial<EvidenceMetadata>): EvidenceItem {
  const full: EvidenceMetadata = { controls: ['AC-01'], covers: '2026-Q1', collected_at: '2026-04-02', collected_by: 'grace-hopper', source: 'Export', sha256: '0'.repeat(64), ...metadata };
  return { path: 'evidence/x.csv', metadataPath: 'evidence/x.csv.evidence.yaml', metadata: full, locate: (path) => ({ line: path[0] === 'event' ? 3 : 8, column: 1 }), problems: [] };
}

describe('unexpectedEvent', () => {
  it('reports `event` and `events` at their keys when no control the item names is event-driven', () => {
    expect(unexpectedEvent(item({ controls: ['AC-01', 'AC-02'], event: 'e1', events: [{ id: 'e1', date: '2026-02-01' }] }), controls)).toEqual([
      { message: 'Unexpected `event` for controls AC-01 (frequency quarterly), AC-02 (frequency monthly), expected `event` only for event-driven controls', file: 'evidence/x.csv.evidence.yaml', line: 3, column: 1 },
      { message: 'Unexpected `events` for controls AC-01 (frequency quarterly), AC-02 (frequency monthly), expected `events` only for event-driven controls', file: 'evidence/x.csv.evidence.yaml', line: 8, column: 1 },
    ]);
  });

  it('accepts them when one control is event-driven, and leaves unknown controls and items without the keys alone', () => {
    expect(unexpectedEvent(item({ controls: ['AC-01', 'AC-03'], event: 'e1' }), controls)).toEqual([]);
    expect(unexpectedEvent(item({ controls: ['NOPE-01'], event: 'e1' }), controls)).toEqual([]);
    expect(unexpectedEvent(item({ controls: ['AC-01'] }), controls)).toEqual([]);
    expect(unexpectedEvent(item({ controls: ['AC-01', 'NOPE-01'], event: 'e1' }), controls).map((f) => f.message)).toEqual([
      'Unexpected `event` for control AC-01 (frequency quarterly), expected `event` only for event-driven controls',
    ]);
  });
});
