import type { Diagnostic, Severity } from '../diagnostic.js';

/** GitHub shows at most this many annotations of each level per step (and 50 per job). */
export const ANNOTATION_LIMITS: Readonly<Record<Severity, number>> = { error: 10, warning: 10, info: 10 };

export interface AnnotationSelection {
  /** The diagnostics to annotate, in their original order. */
  selected: Diagnostic[];
  /** How many of each level were left out (the job summary lists them all). */
  omitted: Record<Severity, number>;
}

/** The first diagnostics of each level, up to the per-step limits. Pure. */
export function selectAnnotations(diagnostics: readonly Diagnostic[], limits: Readonly<Record<Severity, number>> = ANNOTATION_LIMITS): AnnotationSelection {
  const taken: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const omitted: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const selected: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (taken[d.severity] < limits[d.severity]) {
      taken[d.severity] += 1;
      selected.push(d);
    } else omitted[d.severity] += 1;
  }
  return { selected, omitted };
}
