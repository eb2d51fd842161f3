import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toTrustMaterial, type TrustMaterial, type VerifierOptions } from '@sigstore/verify';
import { PUBLIC_GOOD_TRUSTED_ROOT } from './public-good-trusted-root.js';

/**
 * One Sigstore trusted root made ready to verify against: its trust material, and what a signature
 * must carry under it. A root with transparency logs (public-good) requires a log entry and an SCT; a
 * root without (GitHub's) requires a signed timestamp from one of its timestamp authorities.
 */
export interface LoadedTrustedRoot {
  /** Where it came from: `public-good (shipped)`, or a file and line. */
  source: string;
  /** The Fulcio instances it trusts, e.g. `fulcio.githubapp.com`. */
  authorities: string[];
  material: TrustMaterial;
  thresholds: VerifierOptions;
}

/** A trusted root file cannot be used; the message names the file and line. */
export class TrustedRootError extends Error {
  override name = 'TrustedRootError';
}

const TRUSTED_ROOT_MEDIA_TYPE = /^application\/vnd\.dev\.sigstore\.trustedroot(\.v\d+\.\d+)?\+json/;

/** Make a parsed trusted root (protobuf JSON) ready; throws TrustedRootError naming `source`. */
export function loadTrustedRoot(json: unknown, source: string): LoadedTrustedRoot {
  if (typeof json !== 'object' || json === null || typeof (json as { mediaType?: unknown }).mediaType !== 'string' || !TRUSTED_ROOT_MEDIA_TYPE.test((json as { mediaType: string }).mediaType)) {
    throw new TrustedRootError(`${source}: unexpected content, expected a Sigstore trusted root (mediaType application/vnd.dev.sigstore.trustedroot+json)`);
  }
  let root: TrustedRoot;
  let material: TrustMaterial;
  try {
    root = TrustedRoot.fromJSON(json);
    material = toTrustMaterial(root);
  } catch (error) {
    throw new TrustedRootError(`${source}: the trusted root does not load (${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'})`);
  }
  if (root.certificateAuthorities.length === 0) throw new TrustedRootError(`${source}: the trusted root lists no certificate authority`);
  const hasLogs = root.tlogs.length > 0;
  return {
    source,
    authorities: [...new Set(root.certificateAuthorities.map((ca) => ca.uri.replace(/^https?:\/\//, '')))],
    material,
    thresholds: { tlogThreshold: hasLogs ? 1 : 0, ctlogThreshold: root.ctlogs.length > 0 ? 1 : 0, timestampThreshold: 1 },
  };
}

/** A trusted root file as given (`--trusted-root`, the bundle action's `trusted-root` input): its name and text. */
export interface TrustedRootFile {
  file: string;
  text: string;
}

/** The shipped roots and those of the given files (each parsed with `parseTrustedRoots`; errors name the file and line). */
export const trustedRootsWith = (files: readonly TrustedRootFile[]): LoadedTrustedRoot[] => [...shippedTrustedRoots(), ...files.flatMap((f) => parseTrustedRoots(f.text, f.file))];

/** The trusted root JSON shipped with Evident: Sigstore's public-good instance. */
export const shippedTrustedRootJson = (): unknown => PUBLIC_GOOD_TRUSTED_ROOT;

/** The Sigstore public-good trusted root shipped with Evident (see scripts/write-trusted-root.mjs). */
export const shippedTrustedRoots = (): LoadedTrustedRoot[] => [loadTrustedRoot(PUBLIC_GOOD_TRUSTED_ROOT, 'public-good (shipped with Evident)')];

/**
 * Trusted roots from a file's text: one JSON trusted root, or JSON Lines with one per line (as
 * `gh attestation trusted-root` prints GitHub's and the public-good roots). Errors name `file:line`.
 */
export function parseTrustedRoots(text: string, file: string): LoadedTrustedRoot[] {
  const trimmed = text.trim();
  if (!trimmed) throw new TrustedRootError(`${file}: empty, expected a Sigstore trusted root (JSON, or JSON Lines with one root per line)`);
  try {
    return [loadTrustedRoot(JSON.parse(trimmed), file)];
  } catch (error) {
    if (error instanceof TrustedRootError) throw error;
  }
  const roots: LoadedTrustedRoot[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new TrustedRootError(`${file}:${index + 1}: not JSON, expected a Sigstore trusted root per line`);
    }
    roots.push(loadTrustedRoot(json, `${file}:${index + 1}`));
  });
  return roots;
}
