import { TrustedRoot } from '@sigstore/protobuf-specs';
import { DEFAULT_MIRROR_URL, getTrustedRoot } from '@sigstore/tuf';

export { DEFAULT_MIRROR_URL as PUBLIC_GOOD_TUF_MIRROR };

export interface FetchTrustedRootOptions {
  /** The TUF repository (default: Sigstore's public-good mirror). */
  mirrorURL?: string;
  /** The TUF root metadata to start from (`root.json`); for the public-good mirror, the seed shipped with Sigstore's client. */
  tufRootPath?: string;
  /** An empty folder for TUF's metadata cache. */
  cachePath: string;
  timeout?: number;
}

/** A trusted root could not be fetched or checked through TUF; the message says why. */
export class TrustedRootFetchError extends Error {
  override name = 'TrustedRootFetchError';
}

/**
 * The current trusted root of a Sigstore instance, through TUF: the metadata chain (root, timestamp,
 * snapshot, targets) is verified from the starting root, then `trusted_root.json` against it. Returns
 * the trusted root as JSON, ready for `--trusted-root`. Network: the mirror only.
 */
export async function fetchTrustedRoot(options: FetchTrustedRootOptions): Promise<Record<string, unknown>> {
  try {
    const root = await getTrustedRoot({
      mirrorURL: options.mirrorURL ?? DEFAULT_MIRROR_URL,
      cachePath: options.cachePath,
      ...(options.tufRootPath ? { rootPath: options.tufRootPath } : {}),
      forceInit: true,
      ...(options.timeout ? { timeout: options.timeout } : {}),
    });
    return TrustedRoot.toJSON(root) as Record<string, unknown>;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    throw new TrustedRootFetchError(`Cannot fetch the trusted root from ${options.mirrorURL ?? DEFAULT_MIRROR_URL} through TUF: ${error instanceof Error ? error.message : String(error)}${cause}`.replace(/\s+/g, ' ').slice(0, 400));
  }
}

/** One line per authority of a trusted root (JSON): what it trusts and since when. */
export function describeTrustedRoot(json: unknown): string[] {
  const root = TrustedRoot.fromJSON(json);
  const span = (v?: { start?: Date; end?: Date }) => `${v?.start ? v.start.toISOString().slice(0, 10) : '?'}..${v?.end ? v.end.toISOString().slice(0, 10) : ''}`;
  return [
    ...root.certificateAuthorities.map((ca) => `certificate authority ${ca.uri} ${span(ca.validFor)}`),
    ...root.timestampAuthorities.map((ta) => `timestamp authority ${ta.uri} ${span(ta.validFor)}`),
    ...root.tlogs.map((log) => `transparency log ${log.baseUrl} ${span(log.publicKey?.validFor)}`),
    ...root.ctlogs.map((log) => `certificate transparency log ${log.baseUrl} ${span(log.publicKey?.validFor)}`),
  ];
}
