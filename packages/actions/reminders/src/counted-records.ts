import { checkRecordSignatures, createValidators, printable, SIGNATURE_FINDINGS, type EvidenceRecord, type SigningConfig } from '@evident/core';
import type { RecordsOnDisk } from '@evident/github';

/**
 * The records readiness counts, as `evident status` and the bundle count them: with evident.yaml's
 * `evidence.signing`, each record's signature is checked offline (keyless ones against the shipped
 * Sigstore roots), and a record whose check is a finding (unsigned where signing is required, a bad
 * or unknown signature) is left out, each named through `warning`. Without signing, every record.
 */
export async function countedRecords(onDisk: Pick<RecordsOnDisk, 'stored' | 'signatures'>, signing: SigningConfig | undefined, warning: (line: string) => void): Promise<EvidenceRecord[]> {
  if (!signing) return onDisk.stored.map((s) => s.record);
  // Loaded only when keyless signing is configured.
  const keyless = signing.keyless ? await import('@evident/sigstore').then(({ keylessRecordVerifier, trustedRootsWith }) => keylessRecordVerifier(trustedRootsWith([]))) : undefined;
  const report = checkRecordSignatures(onDisk.stored, onDisk.signatures, signing, createValidators().evidenceSignature, keyless);
  const untrusted = new Set<string>();
  for (const check of report.records) {
    if (!SIGNATURE_FINDINGS.has(check.status)) continue;
    untrusted.add(check.file);
    warning(`Record ${printable(check.file)} is not counted: ${printable(check.message)}`);
  }
  return onDisk.stored.filter((s) => !untrusted.has(s.file)).map((s) => s.record);
}
