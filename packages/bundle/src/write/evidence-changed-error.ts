/** A file's bytes changed between reading the repository and writing the bundle. */
export class EvidenceChangedError extends Error {
  override name = 'EvidenceChangedError';
  constructor(readonly file: string) {
    super(`${file} changed while the bundle was being written: its content differs from what was read with the repository; build again`);
  }
}
