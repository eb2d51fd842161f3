import { csvChunks } from '@evident/core';
import type { BundleView } from '../model/build-bundle-view.js';
import { occurrenceRows } from './occurrence-rows.js';

/**
 * occurrences.csv: one row per occurrence of every control in the period, the same as
 * `evident status --format json` on the same records and date, with the files and records
 * that meet it and the exception it raised.
 */
export function occurrencesCsv(view: BundleView): Iterable<string> {
  return csvChunks(
    ['control', 'occurrence', 'window_start', 'window_end', 'due_date', 'state', 'evidence_files', 'records', 'exception', 'management_response', 'note'],
    occurrenceRows(view),
    (r) => [r.control, r.occurrence.label, r.occurrence.start, r.occurrence.end, r.occurrence.due, r.state, r.files.map((f) => f.path).join(' '), r.records.map((x) => x.path).join(' '), r.exception ?? '', r.response ?? '', r.spanningNote ?? ''],
  );
}
