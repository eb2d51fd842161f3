import { ASN1Obj } from '@sigstore/core';
import type { Signer } from '@sigstore/verify';

/**
 * Who signed, as the Fulcio certificate says: the OIDC issuer, the certificate's subject (the
 * workflow file at a ref that ran: `https://github.com/OWNER/REPO/.github/workflows/F.yml@refs/heads/main`),
 * and the GitHub Actions claims Fulcio copied into it.
 */
export interface WorkflowIdentity {
  issuer: string | null;
  /** The workflow file at the ref that ran and signed (Build Signer URI; for GitHub Actions also the certificate's subject alternative name). */
  subject: string | null;
  /** Source Repository URI, e.g. `https://github.com/acme/compliance`. */
  repository: string | null;
  /** Source Repository Ref, e.g. `refs/heads/main`. */
  ref: string | null;
  /** Build Config URI: the top-level workflow file at its ref. */
  workflow: string | null;
  /** Run Invocation URI: the run and attempt that signed. */
  run: string | null;
  /** Source Repository Digest: the commit the workflow ran on. */
  commit: string | null;
  /** Build Trigger: the event that started the run. */
  trigger: string | null;
}

const FULCIO = '1.3.6.1.4.1.57264.1';
const OIDS = { issuer: `${FULCIO}.8`, signer: `${FULCIO}.9`, repository: `${FULCIO}.12`, commit: `${FULCIO}.13`, ref: `${FULCIO}.14`, workflow: `${FULCIO}.18`, trigger: `${FULCIO}.20`, run: `${FULCIO}.21` } as const;
const LEGACY_ISSUER = `${FULCIO}.1`;

/** The value of a Fulcio extension: a DER UTF8String (v2 OIDs), or raw text (the legacy issuer). */
function extensionText(value: Uint8Array): string | null {
  try {
    const text = ASN1Obj.parseBuffer(Buffer.from(value)).value.toString('utf8');
    return text || null;
  } catch {
    return Buffer.from(value).toString('utf8') || null;
  }
}

/** The identity of a verified signer (its certificate's extensions were checked by the verifier's chain). */
export function workflowIdentity(signer: Signer): WorkflowIdentity {
  const byOid = new Map<string, Uint8Array>();
  for (const { oid, value } of signer.identity?.oids ?? []) if (oid) byOid.set(oid.id.join('.'), value);
  const get = (oid: string) => {
    const value = byOid.get(oid);
    return value ? extensionText(value) : null;
  };
  const legacyIssuer = byOid.get(LEGACY_ISSUER);
  return {
    issuer: get(OIDS.issuer) ?? (legacyIssuer ? Buffer.from(legacyIssuer).toString('utf8') : null) ?? signer.identity?.extensions?.issuer ?? null,
    subject: get(OIDS.signer) ?? signer.identity?.subjectAlternativeName ?? null,
    repository: get(OIDS.repository),
    ref: get(OIDS.ref),
    workflow: get(OIDS.workflow),
    run: get(OIDS.run),
    commit: get(OIDS.commit),
    trigger: get(OIDS.trigger),
  };
}
