import { describe, expect, it } from '@jest/globals';
import { parseSums, renderManifest, renderSums } from './manifest.js';
import type { ManifestHeader } from './bundle-plan.js';

const digests = new Map([
  ['b.txt', { sha256: 'b'.repeat(64), size: 2 }],
  ['a.txt', { sha256: 'a'.repeat(64), size: 1 }],
  ['odd\nname\\x.txt', { sha256: 'c'.repeat(64), size: 3 }],
  ['manifest.json', { sha256: 'd'.repeat(64), size: 4 }],
]);

describe('SHA256SUMS', () => {
  it('lists every file sorted by path in the format of sha256sum, escaping odd names as it does', () => {
    expect(renderSums(digests)).toBe(`${'a'.repeat(64)}  a.txt\n${'b'.repeat(64)}  b.txt\n${'d'.repeat(64)}  manifest.json\n\\${'c'.repeat(64)}  odd\\nname\\\\x.txt\n`);
  });

  it('reads back what it writes and sets aside lines that do not parse', () => {
    const { sums, invalid } = parseSums(`${renderSums(digests)}not a line\n`);
    expect(sums).toEqual(new Map([...digests].map(([p, d]) => [p, d.sha256])));
    expect(invalid).toEqual(['not a line']);
  });
});

describe('renderManifest', () => {
  it('lists every file but manifest.json and SHA256SUMS, sorted, after the header', () => {
    const header = { format: 'evident-bundle/1' } as ManifestHeader;
    const manifest = JSON.parse(renderManifest(header, digests));
    expect(manifest.format).toBe('evident-bundle/1');
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(['a.txt', 'b.txt', 'odd\nname\\x.txt']);
  });
});
