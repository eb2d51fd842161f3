import { generateKeyPairSync, sign as signBytes, X509Certificate } from 'node:crypto';
import { bundleToJSON, type SerializedBundle } from '@sigstore/bundle';
import { FulcioSigner, MessageSignatureBundleBuilder, RekorWitness, TSAWitness, type IdentityProvider, type Signature, type Signer, type Witness } from '@sigstore/sign';
import type { SigstoreEndpoints } from './sigstore-instance.js';

/** Signs bytes keyless: returns the Sigstore bundle (message signature, certificate, timestamp or log entry) as JSON. */
export type KeylessSign = (bytes: Buffer) => Promise<SerializedBundle>;

export interface KeylessSignerOptions {
  endpoints: SigstoreEndpoints;
  identity: IdentityProvider;
  now?: () => Date;
  /** Milliseconds per request to Fulcio, the timestamp authority or Rekor. */
  timeout?: number;
}

/** A signing certificate is asked for again when less than this is left of it. */
const RENEW_BEFORE_MS = 2 * 60 * 1000;

/**
 * A keyless signer: one ephemeral P-256 key per signer, one short-lived Fulcio certificate for it
 * (asked for again shortly before it expires), and per signature a witness: the timestamp authority,
 * Rekor, or both. Many records cost one certificate, not one each.
 */
export function createKeylessSigner(options: KeylessSignerOptions): KeylessSign {
  const now = options.now ?? (() => new Date());
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  const keyHolder: Signer = { sign: async (data) => ({ signature: signBytes('sha256', data, privateKey), key: { $case: 'publicKey', publicKey: publicPem } }) };
  const retry = { retries: 2, factor: 2, minTimeout: 500 } as const;
  const fulcio = new FulcioSigner({ identityProvider: options.identity, keyHolder, fulcioBaseURL: options.endpoints.fulcio, ...(options.timeout ? { timeout: options.timeout } : {}), retry });
  let certificate: { pem: string; notAfter: number } | undefined;
  const signer: Signer = {
    async sign(data): Promise<Signature> {
      if (certificate && certificate.notAfter - now().getTime() > RENEW_BEFORE_MS) {
        return { signature: signBytes('sha256', data, privateKey), key: { $case: 'x509Certificate', certificate: certificate.pem } };
      }
      const signature = await fulcio.sign(data);
      if (signature.key.$case === 'x509Certificate') certificate = { pem: signature.key.certificate, notAfter: Date.parse(new X509Certificate(signature.key.certificate).validTo) };
      return signature;
    },
  };
  const witnesses: Witness[] = [];
  if (options.endpoints.tsa) witnesses.push(new TSAWitness({ tsaBaseURL: options.endpoints.tsa, ...(options.timeout ? { timeout: options.timeout } : {}), retry }));
  if (options.endpoints.rekor) witnesses.push(new RekorWitness({ rekorBaseURL: options.endpoints.rekor, ...(options.timeout ? { timeout: options.timeout } : {}), retry }));
  const builder = new MessageSignatureBundleBuilder({ signer, witnesses });
  return async (bytes) => bundleToJSON(await builder.create({ data: bytes }));
}
