import type { WriteProgress } from './write-bundle.js';

export interface ProgressStep {
  /** What the writer is doing, for a person: `Generated 120/5612 pages, tables and copies`, `Hashed 3/20 evidence files, …`. */
  line: string;
  /** The phase and the tenth of it reached, such as `files 3`: a log that shows every tenth prints when this changes. */
  tenth: string;
  /** Items done and in all, in the current phase. */
  done: number;
  total: number;
}

/** A size for a person: `12.3 MiB`. */
export const formatMiB = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MiB`;

/** A bundle write's progress as text, phase by phase (pages first, then files). Pure. */
export function describeProgress(p: WriteProgress): ProgressStep {
  if (p.pages < p.totalPages || p.files === 0) {
    return { line: `Generated ${p.pages}/${p.totalPages} pages, tables and copies`, tenth: `pages ${Math.floor((p.pages * 10) / Math.max(1, p.totalPages))}`, done: p.pages, total: p.totalPages };
  }
  return {
    line: `Hashed ${p.files}/${p.totalFiles} evidence files, ${formatMiB(p.bytes)} of ${formatMiB(p.totalBytes)}`,
    tenth: `files ${Math.floor((p.files * 10) / Math.max(1, p.totalFiles))}`,
    done: p.files,
    total: p.totalFiles,
  };
}

/** A progress callback for logs: prints a line each time a phase of at least 100 items reaches a new tenth (a bundle write's, or any progress `describe` turns into steps). */
export function progressEveryTenth(print: (line: string) => void): (p: WriteProgress) => void;
export function progressEveryTenth<P>(print: (line: string) => void, describe: (p: P) => ProgressStep): (p: P) => void;
export function progressEveryTenth(print: (line: string) => void, describe: (p: never) => ProgressStep = describeProgress): (p: never) => void {
  let shown = '';
  return (p) => {
    const step = describe(p);
    if (step.total < 100 || step.tenth === shown || step.tenth.endsWith(' 0')) return;
    shown = step.tenth;
    print(step.line);
  };
}
