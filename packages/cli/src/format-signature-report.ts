import { printable, SIGNATURE_FINDINGS, SIGNATURE_LABELS, type SignatureReport, type SignatureStatus } from '@evident/core';
import type { CliIo } from './cli-io.js';

const ORDER: SignatureStatus[] = ['valid', 'unsigned', 'unsigned-before-required', 'unsigned-required', 'bad-signature', 'unknown-key', 'key-revoked', 'key-not-yet-valid', 'untrusted-signer', 'identity-mismatch', 'unverifiable', 'invalid-signature-file'];

/**
 * The signature check in text: one line per record that is not validly signed (findings in red,
 * records unsigned without it being required in yellow), then the counts. Text that comes from the
 * records is escaped, so none can steer the terminal.
 */
export function formatSignatureReport(report: SignatureReport, io: Pick<CliIo, 'style'>): string {
  const lines = report.records
    .filter((r) => r.status !== 'valid')
    .map((r) => {
      const label = SIGNATURE_LABELS[r.status];
      const painted = SIGNATURE_FINDINGS.has(r.status) ? io.style.red(label) : io.style.yellow(label);
      // File names and messages quote the records (ids, certificate fields): printed only through `printable`.
      return `${painted} ${printable(r.file)}  ${printable(r.message)}`;
    });
  const counts = ORDER.filter((s) => report.counts[s]).map((s) => `${report.counts[s]} ${SIGNATURE_LABELS[s]}`).join(', ') || 'no records';
  const keys = `${report.keys} key${report.keys === 1 ? '' : 's'} in evident.yaml${report.keyless ? `, keyless signer ${report.keyless}` : ''}${report.required_from ? `, signing required from ${report.required_from}` : ''}`;
  const verdict = report.ok ? io.style.green('ok') : io.style.red('signature problems');
  return `${lines.map((l) => `${l}\n`).join('')}${verdict} signatures of ${report.records.length} record${report.records.length === 1 ? '' : 's'}: ${counts} (${keys}).\n`;
}

/** Whether the text output mentions signatures: when keys or a cut-over are configured, or any record is signed (or has a broken signature file). */
export function signaturesWorthSaying(report: SignatureReport): boolean {
  return report.keys > 0 || report.keyless !== null || report.required_from !== null || report.records.some((r) => r.status !== 'unsigned');
}
