import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { ValidateFunction } from 'ajv';
import type { EvidenceRecord } from './evidence-record.js';
import { signatureFileName, signedBytes, type RecordSignatureFile } from './record-signature.js';

/** A public key verifiers trust, from evident.yaml `evidence.signing.keys`. */
export interface TrustedSigningKey {
  id: string;
  public_key: string;
  /** Date or date-time: records recorded (or signed) before it are not accepted under this key. */
  not_before: string;
  /** Date or date-time: records recorded (or signed) from then on are not accepted under this key. */
  revoked_at?: string;
}

/** evident.yaml `evidence.signing.keyless`: the one workflow whose keyless signatures are accepted. */
export interface KeylessSigningPolicy {
  /** OWNER/NAME. */
  repository: string;
  /** e.g. `.github/workflows/evidence.yml`. */
  workflow: string;
  /** e.g. `refs/heads/main`. */
  ref: string;
  server_url?: string;
  issuer?: string;
}

/** evident.yaml `evidence.signing`. */
export interface SigningConfig {
  keys?: TrustedSigningKey[];
  keyless?: KeylessSigningPolicy;
  /** Records recorded from this date on must be signed. */
  required_from?: string;
}

/**
 * The verdict of a keyless (Sigstore) signature, from the verifier the caller passes (the Sigstore
 * code stays out of core): `verified` with the signer's identity and the policy's complaints about
 * it, or why it does not verify.
 */
export type KeylessVerdict =
  | { status: 'verified'; signer: string; run: string | null; signed_at: string | null; mismatches: string[] }
  | { status: 'bad-signature' | 'untrusted' | 'invalid'; message: string };

/** Verifies a Sigstore bundle over a record's bytes against trusted roots and the keyless policy. */
export type KeylessVerifier = (bundle: unknown, bytes: Buffer, policy: KeylessSigningPolicy) => KeylessVerdict;

/**
 * The verdict on one record's signature. Findings: `bad-signature`, `unknown-key`, `key-revoked`,
 * `key-not-yet-valid`, `untrusted-signer`, `identity-mismatch`, `unverifiable`, `unsigned-required`,
 * `invalid-signature-file`. Not findings: `valid`, `unsigned` (no signing required), `unsigned-before-required`.
 */
export type SignatureStatus = 'valid' | 'unsigned' | 'unsigned-before-required' | 'unsigned-required' | 'bad-signature' | 'unknown-key' | 'key-revoked' | 'key-not-yet-valid' | 'untrusted-signer' | 'identity-mismatch' | 'unverifiable' | 'invalid-signature-file';

export const SIGNATURE_FINDINGS: ReadonlySet<SignatureStatus> = new Set(['unsigned-required', 'bad-signature', 'unknown-key', 'key-revoked', 'key-not-yet-valid', 'untrusted-signer', 'identity-mismatch', 'unverifiable', 'invalid-signature-file']);

/** How each status reads in a table (the portal's column, the CLI's lines). */
export const SIGNATURE_LABELS: Readonly<Record<SignatureStatus, string>> = {
  valid: 'signed',
  unsigned: 'unsigned',
  'unsigned-before-required': 'unsigned (before signing was required)',
  'unsigned-required': 'unsigned (signing required)',
  'bad-signature': 'bad signature',
  'unknown-key': 'unknown key',
  'key-revoked': 'key revoked',
  'key-not-yet-valid': 'key not yet valid',
  'untrusted-signer': 'untrusted signer',
  'identity-mismatch': 'signed by another workflow',
  unverifiable: 'cannot verify',
  'invalid-signature-file': 'invalid signature file',
};

export interface RecordSignatureCheck {
  /** Record file, e.g. `records/000001-….json`. */
  file: string;
  record: string;
  sequence: number;
  status: SignatureStatus;
  /** The record's signature file (`….sig.json`), or null when it has none. */
  signature_file: string | null;
  key_id?: string;
  /** Keyless: the workflow the signing certificate names (`https://github.com/OWNER/REPO/.github/workflows/F.yml@REF`) and its run. */
  signer?: string;
  run?: string;
  /** One sentence: what was checked, or what is wrong. */
  message: string;
}

export interface SignatureReport {
  /** True when no record's status is a finding. */
  ok: boolean;
  keys: number;
  /** The keyless policy applied, one line (`OWNER/REPO .github/workflows/F.yml at REF`), or null. */
  keyless: string | null;
  required_from: string | null;
  counts: Partial<Record<SignatureStatus, number>>;
  records: RecordSignatureCheck[];
}

const instant = (value: string) => Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);

/** How far a record's `recorded_at` may go back before an earlier record's: concurrent collectors re-seal seconds apart. */
const BACKWARDS_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** Records before a given one in the chain (lower sequence), as far as required signing is concerned. */
interface EarlierRecords {
  /** The first record recorded on or after `required_from`. */
  required?: EvidenceRecord;
  /** The one recorded last. */
  latest?: EvidenceRecord;
}

/**
 * For each record (by index), what the records before it in the chain (lower sequence) say: once a
 * record was recorded when signing was required, signing stays required for every record after it,
 * whatever date those carry. Pure.
 */
function earlierRecords(stored: readonly { record: EvidenceRecord }[], requiredFrom: string | undefined): EarlierRecords[] {
  const out: EarlierRecords[] = stored.map(() => ({}));
  if (!requiredFrom) return out;
  const from = instant(requiredFrom);
  const order = stored.map((s, index) => ({ record: s.record, index })).sort((a, b) => a.record.sequence - b.record.sequence);
  let seen: EarlierRecords = {};
  for (let i = 0; i < order.length; ) {
    const sequence = order[i]!.record.sequence;
    const group: typeof order = [];
    for (; i < order.length && order[i]!.record.sequence === sequence; i += 1) group.push(order[i]!);
    for (const { index } of group) out[index] = seen;
    seen = { ...seen };
    for (const { record } of group) {
      const at = instant(record.recorded_at);
      if (!seen.required && at >= from) seen.required = record;
      if (!seen.latest || at > instant(seen.latest.recorded_at)) seen.latest = record;
    }
  }
  return out;
}

/**
 * Check every record's signature file against the trusted keys and the keyless policy. `signatures`
 * maps a record file to the text of its `.sig.json` (absent: unsigned). The dates checked against a
 * key's `not_before` and `revoked_at` are the record's `recorded_at` (covered by the signature) and
 * the file's `signed_at`. With `required_from` set, an unsigned record is a finding when it was
 * recorded on or after that date, when it comes after a record (lower sequence) recorded on or after
 * it (a record's own date is whatever its writer typed, so signing, once required along the chain,
 * stays required), or when its `recorded_at` goes back more than a day before a record that comes
 * before it. Keyless signatures go to `keyless` (offline Sigstore verification); without it they
 * cannot be verified, which is a finding. Pure.
 */
export function checkRecordSignatures(stored: readonly { file: string; record: EvidenceRecord }[], signatures: ReadonlyMap<string, string>, signing: SigningConfig | undefined, validate: ValidateFunction, keyless?: KeylessVerifier): SignatureReport {
  const keys = new Map<string, { key?: KeyObject; trusted: TrustedSigningKey }>();
  for (const trusted of signing?.keys ?? []) {
    let key: KeyObject | undefined;
    try {
      key = createPublicKey(trusted.public_key);
    } catch {
      key = undefined;
    }
    keys.set(trusted.id, { ...(key ? { key } : {}), trusted });
  }
  const requiredFrom = signing?.required_from;
  const policy = signing?.keyless;
  const context: CheckContext = { keys, requiredFrom, validate, keyless: keyless && policy ? (bundle, bytes) => keyless(bundle, bytes, policy) : undefined, hasPolicy: Boolean(policy) };
  const earlier = earlierRecords(stored, requiredFrom);
  const records = stored.map(({ file, record }, index) => checkOne(file, record, signatures.get(file), context, earlier[index]!));
  const counts: Partial<Record<SignatureStatus, number>> = {};
  for (const r of records) counts[r.status] = (counts[r.status] ?? 0) + 1;
  const describe = policy ? `${policy.repository} ${policy.workflow} at ${policy.ref}` : null;
  return { ok: records.every((r) => !SIGNATURE_FINDINGS.has(r.status)), keys: keys.size, keyless: describe, required_from: requiredFrom ?? null, counts, records };
}

interface CheckContext {
  keys: Map<string, { key?: KeyObject; trusted: TrustedSigningKey }>;
  requiredFrom: string | undefined;
  validate: ValidateFunction;
  keyless: ((bundle: unknown, bytes: Buffer) => KeylessVerdict) | undefined;
  hasPolicy: boolean;
}

function checkKeyless(base: Omit<RecordSignatureCheck, 'status' | 'message'>, record: EvidenceRecord, bundle: unknown, context: CheckContext): RecordSignatureCheck {
  if (!context.hasPolicy) return { ...base, status: 'unverifiable', message: `Record \`${record.id}\` is signed keyless, but evident.yaml sets no \`evidence.signing.keyless\` naming the workflow allowed to sign` };
  if (!context.keyless) return { ...base, status: 'unverifiable', message: `Record \`${record.id}\` is signed keyless and was not verified: no Sigstore verifier was given` };
  const verdict = context.keyless(bundle, signedBytes(record));
  if (verdict.status !== 'verified') {
    if (verdict.status === 'bad-signature') return { ...base, status: 'bad-signature', message: `Record \`${record.id}\` does not match its keyless signature: ${verdict.message} (edited after signing?)` };
    if (verdict.status === 'invalid') return { ...base, status: 'invalid-signature-file', message: `Signature \`${base.signature_file}\` of record \`${record.id}\`: ${verdict.message}` };
    return { ...base, status: 'untrusted-signer', message: `Record \`${record.id}\` has a keyless signature no trusted root vouches for: ${verdict.message}` };
  }
  const signed = { ...base, signer: verdict.signer, ...(verdict.run ? { run: verdict.run } : {}) };
  if (verdict.mismatches.length) return { ...signed, status: 'identity-mismatch', message: `Record \`${record.id}\` is signed by a workflow evident.yaml does not allow: ${verdict.mismatches.join('; ')}` };
  return { ...signed, status: 'valid', message: `Record \`${record.id}\` is signed keyless by \`${verdict.signer}\`${verdict.run ? ` (run ${verdict.run})` : ''}` };
}

function checkOne(file: string, record: EvidenceRecord, text: string | undefined, context: CheckContext, earlier: EarlierRecords): RecordSignatureCheck {
  const { keys, requiredFrom, validate } = context;
  const sigFile = signatureFileName(file);
  const base = { file, record: record.id, sequence: record.sequence, signature_file: text === undefined ? null : sigFile };
  let sig: RecordSignatureFile | undefined;
  if (text !== undefined) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return { ...base, status: 'invalid-signature-file', message: `Signature \`${sigFile}\` is not JSON, expected schemas/evidence-signature.schema.json` };
    }
    if (!validate(data)) return { ...base, status: 'invalid-signature-file', message: `Signature \`${sigFile}\` does not match schemas/evidence-signature.schema.json` };
    sig = data as RecordSignatureFile;
    if (sig.record_hash !== record.hash) return { ...base, status: 'bad-signature', message: `Signature \`${sigFile}\` names record hash \`${sig.record_hash.slice(0, 12)}\`, expected \`${record.hash.slice(0, 12)}\`, the hash of record \`${record.id}\`` };
  }
  if (sig === undefined || sig.algorithm === 'none') {
    const why = sig ? `: ${sig.reason}` : ' (no signature file)';
    if (requiredFrom && instant(record.recorded_at) >= instant(requiredFrom)) {
      return { ...base, status: 'unsigned-required', message: `Record \`${record.id}\` recorded at ${record.recorded_at} is unsigned${why}, expected a signature for every record from ${requiredFrom} (\`evidence.signing.required_from\`)` };
    }
    const { required, latest } = earlier;
    if (requiredFrom && required) {
      return { ...base, status: 'unsigned-required', message: `Record \`${record.id}\` recorded at ${record.recorded_at} is unsigned${why}, expected a signature: it comes after record ${required.sequence} (\`${required.id}\`), recorded at ${required.recorded_at} when signing was required (from ${requiredFrom}, \`evidence.signing.required_from\`), so its earlier date does not exempt it` };
    }
    if (requiredFrom && latest && instant(record.recorded_at) < instant(latest.recorded_at) - BACKWARDS_TOLERANCE_MS) {
      return { ...base, status: 'unsigned-required', message: `Record \`${record.id}\` recorded at ${record.recorded_at} is unsigned${why}, expected a signature: its date goes back more than a day before record ${latest.sequence} (\`${latest.id}\`), recorded at ${latest.recorded_at}, which comes before it in the chain, so it does not show the record was made before signing was required (${requiredFrom})` };
    }
    if (requiredFrom) return { ...base, status: 'unsigned-before-required', message: `Record \`${record.id}\` is unsigned${why}, recorded before signing was required (${requiredFrom})` };
    return { ...base, status: 'unsigned', message: `Record \`${record.id}\` is unsigned${why}` };
  }
  if (sig.algorithm === 'sigstore') return checkKeyless(base, record, sig.bundle, context);
  const withKey = { ...base, key_id: sig.key_id };
  const known = keys.get(sig.key_id);
  if (!known?.key) return { ...withKey, status: 'unknown-key', message: `Record \`${record.id}\` is signed by key \`${sig.key_id}\`, expected one of the keys in evident.yaml \`evidence.signing.keys\`${known ? ' (its public_key does not parse)' : ''}` };
  if (!verify(null, signedBytes(record), known.key, Buffer.from(sig.signature, 'base64'))) {
    return { ...withKey, status: 'bad-signature', message: `Record \`${record.id}\` does not match its signature by key \`${sig.key_id}\`: the record's bytes differ from those signed (edited after signing, or signed by another key under this id)` };
  }
  const dates = [record.recorded_at, sig.signed_at];
  const { not_before, revoked_at } = known.trusted;
  if (revoked_at && dates.some((d) => instant(d) >= instant(revoked_at))) {
    return { ...withKey, status: 'key-revoked', message: `Record \`${record.id}\` recorded at ${record.recorded_at} (signed at ${sig.signed_at}) is signed by key \`${sig.key_id}\`, revoked at ${revoked_at}` };
  }
  if (dates.some((d) => instant(d) < instant(not_before))) {
    return { ...withKey, status: 'key-not-yet-valid', message: `Record \`${record.id}\` recorded at ${record.recorded_at} (signed at ${sig.signed_at}) is signed by key \`${sig.key_id}\`, valid only from ${not_before}` };
  }
  return { ...withKey, status: 'valid', message: `Record \`${record.id}\` is signed by key \`${sig.key_id}\`` };
}
