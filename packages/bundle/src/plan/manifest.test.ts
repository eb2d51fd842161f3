import { describe, expect, it } from '@jest/globals';
import { parseSums, renderManifest, renderSums, summarizeCrossCheck } from './manifest.js';
import type { ManifestHeader } from './bundle-plan.js';

const digests = new Map([
  ['b.txt', { sha256: 'b'.repeat(64), size: 2 }],
  ['a.txt', { sha256: 'a'.repeat(64), size: 1 }],
  ['odd\nname\\x.txt', { sha256: 'c'.repeat(64), size: 3 }],
  ['manifest.json', { sha256: 'd'.repeat(64), size: 4 }],
]);

describe('SHA256SUMS', () => {
  it('lists every file sorted by path in the format of sha256sum, escaping odd names as it does', () => {
    expect([...renderSums(digests)].join('')).toBe(`${'a'.repeat(64)}  a.txt\n${'b'.repeat(64)}  b.txt\n${'d'.repeat(64)}  manifest.json\n\\${'c'.repeat(64)}  odd\\nname\\\\x.txt\n`);
  });

  it('reads back what it writes and sets aside lines that do not parse', () => {
    const { sums, invalid } = parseSums(`${[...renderSums(digests)].join('')}not a line\n`);
    expect(sums).toEqual(new Map([...digests].map(([p, d]) => [p, d.sha256])));
    expect(invalid).toEqual(['not a line']);
  });
});

describe('renderManifest', () => {
  it('lists every file but manifest.json and SHA256SUMS, sorted, after the header', () => {
    const header = { format: 'evident-bundle/1' } as ManifestHeader;
    const text = [...renderManifest(header, digests)].join('');
    const manifest = JSON.parse(text);
    expect(manifest.format).toBe('evident-bundle/1');
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(['a.txt', 'b.txt', 'odd\nname\\x.txt']);
    expect(text).toBe(`${JSON.stringify(manifest, null, 2)}\n`);
  });

  it('writes what JSON.stringify would, in pieces, for any number of files', () => {
    const header = { format: 'evident-bundle/1', release: null, period: { start: '2026-01-01', end: '2026-12-31' } } as unknown as ManifestHeader;
    for (const count of [0, 1, 999, 1000, 1001, 2500]) {
      const many = new Map(Array.from({ length: count }, (_, i) => [`evidence/"${String(i).padStart(5, '0')}".csv`, { sha256: 'f'.repeat(64), size: i }] as const));
      const pieces = [...renderManifest(header, many)];
      const files = [...many].map(([path, d]) => ({ path, size: d.size, sha256: d.sha256 }));
      expect(pieces.join('')).toBe(`${JSON.stringify({ ...header, files }, null, 2)}\n`);
      expect(pieces.length).toBe(1 + Math.ceil(count / 1000));
    }
  });
});

describe('summarizeCrossCheck', () => {
  it('counts the confirmed records and names the others, with the API, the repository and the time, as manifest.json records them', () => {
    const check = {
      api: 'https://api.github.com',
      repository: 'acme/program',
      checked_at: '2026-10-02T09:30:00.123Z',
      records: [
        { record: 'policy-approval/acme/program/pr-7', outcome: 'confirmed' as const },
        { record: 'policy-approval/acme/program/pr-99', outcome: 'not-confirmed' as const },
        { record: 'branch-rules/acme/program/main/2026-09-30', outcome: 'not-checked' as const },
        { record: 'exception/acme/program/pr-7/stale-approval/review-4', outcome: 'confirmed' as const },
      ],
    };
    const summary = summarizeCrossCheck(check, true);
    expect(summary).toEqual({
      api: 'https://api.github.com',
      repository: 'acme/program',
      checked_at: '2026-10-02T09:30:00.123Z',
      confirmed: 2,
      not_confirmed: ['policy-approval/acme/program/pr-99'],
      not_checked: ['branch-rules/acme/program/main/2026-09-30'],
      allowed_unconfirmed: true,
    });
    const header = { format: 'evident-bundle/1', github_cross_check: summary } as ManifestHeader;
    expect(JSON.parse([...renderManifest(header, new Map())].join('')).github_cross_check).toEqual(summary);
  });
});
