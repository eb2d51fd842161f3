/**
 * The Sigstore instances a collector can sign with: `github`, GitHub's own (its Fulcio and timestamp
 * authority, no public log; for private repositories on plans with artifact attestations), and
 * `public-good`, Sigstore's (Fulcio and the public Rekor log: every signing certificate, naming the
 * repository and workflow, is published).
 */
export type SigstoreInstanceName = 'github' | 'public-good';

export const SIGSTORE_INSTANCE_NAMES: readonly SigstoreInstanceName[] = ['github', 'public-good'];

/** Where an instance's services answer. A timestamp authority, a transparency log, or both, witness each signature. */
export interface SigstoreEndpoints {
  fulcio: string;
  rekor?: string;
  tsa?: string;
}

export const SIGSTORE_INSTANCES: Readonly<Record<SigstoreInstanceName, SigstoreEndpoints>> = {
  github: { fulcio: 'https://fulcio.githubapp.com', tsa: 'https://timestamp.githubapp.com' },
  'public-good': { fulcio: 'https://fulcio.sigstore.dev', rekor: 'https://rekor.sigstore.dev' },
};

export const isSigstoreInstanceName = (value: string): value is SigstoreInstanceName => (SIGSTORE_INSTANCE_NAMES as readonly string[]).includes(value);

/** A setting is not understood: the message names it and what was expected. */
export class SigstoreSettingError extends Error {
  override name = 'SigstoreSettingError';
}

/**
 * The endpoints of an instance, with overrides for a private Sigstore deployment:
 * `fulcio=URL tsa=URL rekor=URL` (spaces, commas or new lines between; each https, or http on loopback).
 */
export function sigstoreEndpoints(instance: SigstoreInstanceName, overrides = ''): SigstoreEndpoints {
  const endpoints: SigstoreEndpoints = { ...SIGSTORE_INSTANCES[instance] };
  for (const item of overrides.split(/[\s,]+/).filter(Boolean)) {
    const match = /^(fulcio|rekor|tsa)=(.+)$/.exec(item);
    if (!match) throw new SigstoreSettingError(`Unexpected Sigstore endpoint \`${item.slice(0, 80)}\`, expected fulcio=URL, rekor=URL or tsa=URL`);
    const [, service, url] = match as unknown as [string, keyof SigstoreEndpoints, string];
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new SigstoreSettingError(`Unexpected ${service} URL \`${url.slice(0, 80)}\`, expected an absolute URL`);
    }
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) throw new SigstoreSettingError(`Unexpected ${service} URL \`${url.slice(0, 80)}\`, expected https (http only on loopback)`);
    endpoints[service] = url.replace(/\/+$/, '');
  }
  return endpoints;
}
