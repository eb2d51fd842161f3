import { formatMiB, type ProgressStep } from '../write/describe-progress.js';
import type { VerifyProgress } from './read-bundle-zip.js';

/** A verification's progress as text, its tenths counted by the bytes of the zip read. Pure. */
export function describeVerifyProgress(p: VerifyProgress): ProgressStep {
  return {
    line: `Verified ${p.entries}/${p.totalEntries} files, ${formatMiB(p.bytes)} of ${formatMiB(p.totalBytes)}`,
    tenth: `verify ${Math.floor((p.bytes * 10) / Math.max(1, p.totalBytes))}`,
    done: p.entries,
    total: p.totalEntries,
  };
}
