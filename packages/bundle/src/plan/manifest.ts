import type { FileDigest, Manifest, ManifestCrossCheck, ManifestHeader } from './bundle-plan.js';

export const MANIFEST = 'manifest.json';
export const SUMS = 'SHA256SUMS';

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Files listed per piece of manifest.json and SHA256SUMS. */
const PER_PIECE = 1000;

/**
 * manifest.json: the header, then every file with its size and SHA-256, sorted by path; the text
 * `JSON.stringify(manifest, null, 2)` gives, in pieces of a thousand files. Pure.
 */
export function* renderManifest(header: ManifestHeader, digests: ReadonlyMap<string, FileDigest>): Generator<string> {
  const paths = [...digests.keys()].filter((path) => path !== MANIFEST && path !== SUMS).sort(byName);
  const empty: Manifest = { ...header, files: [] };
  const head = JSON.stringify(empty, null, 2);
  if (paths.length === 0) return yield `${head}\n`;
  yield `${head.slice(0, -'[]\n}'.length)}[\n`;
  const file = (path: string) => {
    const d = digests.get(path)!;
    return `    {\n      "path": ${JSON.stringify(path)},\n      "size": ${d.size},\n      "sha256": ${JSON.stringify(d.sha256)}\n    }`;
  };
  for (let start = 0; start < paths.length; start += PER_PIECE) {
    const last = start + PER_PIECE >= paths.length;
    yield `${paths.slice(start, start + PER_PIECE).map(file).join(',\n')}${last ? '\n  ]\n}\n' : ',\n'}`;
  }
}

/** The outcome of a GitHub cross-check (`crossCheckEvidence` of @evident/github), as far as the manifest needs it. */
export interface CrossCheckOutcomes {
  api: string;
  repository: string;
  checked_at: string;
  records: readonly { record: string; outcome: 'confirmed' | 'not-confirmed' | 'not-checked' }[];
}

/** The manifest's `github_cross_check`: how many records GitHub confirmed, and the ids of the others. Pure. */
export function summarizeCrossCheck(check: CrossCheckOutcomes, allowedUnconfirmed: boolean): ManifestCrossCheck {
  const ids = (outcome: string) => check.records.filter((r) => r.outcome === outcome).map((r) => r.record);
  return { api: check.api, repository: check.repository, checked_at: check.checked_at, confirmed: ids('confirmed').length, not_confirmed: ids('not-confirmed'), not_checked: ids('not-checked'), allowed_unconfirmed: allowedUnconfirmed };
}

/** A path as `sha256sum` writes it: a name with a backslash or newline is escaped and its line starts with `\`. */
function sumsLine(sha256: string, path: string): string {
  if (!/[\\\n\r]/.test(path)) return `${sha256}  ${path}\n`;
  return `\\${sha256}  ${path.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}\n`;
}

/** SHA256SUMS in the format of `sha256sum -c`: every file but itself, sorted by path, in pieces of a thousand lines. Pure. */
export function* renderSums(digests: ReadonlyMap<string, FileDigest>): Generator<string> {
  const paths = [...digests.keys()].filter((path) => path !== SUMS).sort(byName);
  for (let start = 0; start < paths.length; start += PER_PIECE) yield paths.slice(start, start + PER_PIECE).map((path) => sumsLine(digests.get(path)!.sha256, path)).join('');
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
