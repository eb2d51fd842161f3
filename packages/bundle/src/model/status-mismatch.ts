import type { Control } from '@evident/core';
import type { BundleView } from './build-bundle-view.js';

/** A control's occurrences met in the period, and what that says against its declared status. */
export interface StatusMismatch {
  met: number;
  /** Set when the control is declared `planned` or `implemented` yet has occurrences met. */
  note?: string;
}

/**
 * Occurrences count whatever the control's declared status (ADR 5): a `planned` or `implemented`
 * control with occurrences met is shown, not discounted, so the auditor sees the two disagree. Pure.
 */
export function statusMismatch(view: Pick<BundleView, 'readiness'>, control: Pick<Control, 'id' | 'status'>): StatusMismatch {
  const met = view.readiness.controls.find((c) => c.id === control.id)?.occurrences.filter((o) => o.state === 'met').length ?? 0;
  if (control.status === 'operating' || met === 0) return { met };
  return {
    met,
    note: `Declared ${control.status}, not operating, yet ${met} occurrence${met === 1 ? '' : 's'} in the period count${met === 1 ? 's' : ''} as met: the evidence says the control operated, its file does not. Occurrences count whatever the declared status; judge which one is right.`,
  };
}
