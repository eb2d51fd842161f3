import type { FileDigest, Manifest, ManifestHeader } from './bundle-plan.js';

export const MANIFEST = 'manifest.json';
export const SUMS = 'SHA256SUMS';

/** manifest.json: the header, then every file with its size and SHA-256, sorted by path. Pure. */
export function renderManifest(header: ManifestHeader, digests: ReadonlyMap<string, FileDigest>): string {
  const files = [...digests]
    .filter(([path]) => path !== MANIFEST && path !== SUMS)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, d]) => ({ path, size: d.size, sha256: d.sha256 }));
  const manifest: Manifest = { ...header, files };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** A path as `sha256sum` writes it: a name with a backslash or newline is escaped and its line starts with `\`. */
function sumsLine(sha256: string, path: string): string {
  if (!/[\\\n\r]/.test(path)) return `${sha256}  ${path}\n`;
  return `\\${sha256}  ${path.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}\n`;
}

/** SHA256SUMS in the format of `sha256sum -c`: every file but itself, sorted by path. Pure. */
export function renderSums(digests: ReadonlyMap<string, FileDigest>): string {
  return [...digests]
    .filter(([path]) => path !== SUMS)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, d]) => sumsLine(d.sha256, path))
    .join('');
}

/** Parse SHA256SUMS back into path → SHA-256; lines that do not parse are returned apart. */
export function parseSums(text: string): { sums: Map<string, string>; invalid: string[] } {
  const sums = new Map<string, string>();
  const invalid: string[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const m = /^(\\?)([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m) {
      invalid.push(line);
      continue;
    }
    const path = m[1] ? m[3]!.replace(/\\(\\|n|r)/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : '\\')) : m[3]!;
    sums.set(path, m[2]!);
  }
  return { sums, invalid };
}
