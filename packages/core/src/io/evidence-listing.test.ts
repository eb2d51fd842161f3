import { describe, expect, it } from '@jest/globals';
import { evidenceListing } from './evidence-listing.js';

describe('evidenceListing', () => {
  it('splits the files under the folder into metadata and others, in order, with the links not named like dot-files', () => {
    const files = ['evidence-other/x.csv', 'evidence/.keep', 'evidence/a/.hidden.csv', 'evidence/a/b.csv', 'evidence/a/b.csv.evidence.yaml', 'evidence/a/l.csv', 'evidence/z.evidence.yaml', 'policies/p.md'];
    const links = new Set(['evidence/a/l.csv', 'evidence/a/.hidden.csv', 'evidence-other/x.csv']);
    expect(evidenceListing({ files, links, special: new Set(), reached: true }, 'evidence')).toEqual({
      metadata: ['evidence/a/b.csv.evidence.yaml', 'evidence/z.evidence.yaml'],
      others: ['evidence/.keep', 'evidence/a/.hidden.csv', 'evidence/a/b.csv', 'evidence/a/l.csv'],
      links: ['evidence/a/l.csv'],
    });
  });
});
