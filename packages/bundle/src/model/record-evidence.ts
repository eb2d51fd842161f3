import { RECORD_SOURCES, type BranchRulesSubject, type ChangePopulationSubject, type Control } from '@evident/core';
import { recordPath } from '../render/portal-layout.js';
import type { BundleView } from './build-bundle-view.js';

/** A collected record shown as evidence of a control, as the control page lists evidence files. */
export interface RecordEvidence {
  path: string;
  /** Relative to a page one folder deep. */
  href: string;
  label: string;
  collected_at: string;
  collected_by: string;
  source: string;
}

/**
 * The change-population and branch-rules records that evidence a control naming
 * `source: evident:change-population` or `evident:branch-rules`, when what they cover overlaps the
 * period: the same records readiness counts for its occurrences. Pure.
 */
export function recordEvidence(view: Pick<BundleView, 'chain' | 'inputs'>, control: Control): RecordEvidence[] {
  const { start, end } = view.inputs.period;
  const sources = new Map(control.evidence.map((e) => [RECORD_SOURCES[e.source as keyof typeof RECORD_SOURCES], e.source] as const).filter(([kind]) => kind !== undefined));
  const out: RecordEvidence[] = [];
  for (const { file, record } of view.chain.trusted) {
    const source = sources.get(record.kind as 'change-population' | 'branch-rules');
    if (!source) continue;
    let span: { start: string; end: string } | undefined;
    let label = '';
    if (record.kind === 'change-population') {
      const subject = record.subject as Partial<ChangePopulationSubject> | undefined;
      span = subject?.period;
      if (span) label = `${span.start} to ${span.end}: ${subject?.pull_requests?.length ?? 0} pull requests merged`;
    } else {
      const day = record.recorded_at.slice(0, 10);
      span = { start: day, end: day };
      label = `${day}: rules of ${(record.subject as Partial<BranchRulesSubject> | undefined)?.branch ?? 'a branch'}`;
    }
    if (!span || span.end < start || span.start > end) continue;
    out.push({ path: file, href: `../${recordPath(file)}`, label: `${record.repository} ${label}`, collected_at: record.recorded_at, collected_by: record.provenance?.tool ?? 'evident', source });
  }
  return out;
}
