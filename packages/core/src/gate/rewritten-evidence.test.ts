import { describe, expect, it } from '@jest/globals';
import { rewrittenEvidence } from './rewritten-evidence.js';

describe('rewrittenEvidence', () => {
  it('names an item whose bytes and digest change together, one whose metadata alone changes, and one removed', () => {
    const weakenings = rewrittenEvidence('evidence', [
      { path: 'evidence/AC-01/2026-Q3/review.csv', status: 'modified' },
      { path: 'evidence/AC-01/2026-Q3/review.csv.evidence.yaml', status: 'modified' },
      { path: 'evidence/AC-02/2026-Q3/export.csv.evidence.yaml', status: 'modified' },
      { path: 'evidence/HR-01/2026-08-03/check.pdf', status: 'deleted' },
      { path: 'evidence/HR-01/2026-08-03/check.pdf.evidence.yaml', status: 'deleted' },
    ]);
    expect(weakenings.map((w) => [w.kind, w.subject])).toEqual([
      ['evidence-rewritten', 'evidence/AC-01/2026-Q3/review.csv'],
      ['evidence-rewritten', 'evidence/AC-02/2026-Q3/export.csv'],
      ['evidence-rewritten', 'evidence/HR-01/2026-08-03/check.pdf'],
    ]);
    expect(weakenings[0]!.message).toBe(
      'evidence `evidence/AC-01/2026-Q3/review.csv` replaced after it was added (its bytes and its metadata changed): an item already counted would show other content; add a new item instead (`evident evidence add`)',
    );
    expect(weakenings[1]!.message).toContain('metadata edited after it was added: an item already counted could count for another period, control or event');
    expect(weakenings[2]!.message).toContain('removed after it was added');
  });

  it('names a replaced file whose metadata is untouched, and ignores files outside the evidence folder', () => {
    const weakenings = rewrittenEvidence('proof/', [
      { path: 'proof/AC-01/2026-Q3/review.csv', status: 'modified' },
      { path: 'policies/access-control.md', status: 'modified' },
      { path: 'proofs/other.csv', status: 'deleted' },
    ]);
    expect(weakenings).toEqual([
      { kind: 'evidence-rewritten', subject: 'proof/AC-01/2026-Q3/review.csv', message: 'evidence `proof/AC-01/2026-Q3/review.csv` replaced after it was added (its bytes changed): an item already counted would show other content; add a new item instead (`evident evidence add`)' },
    ]);
  });

  it('names nothing when nothing the base had changes', () => {
    expect(rewrittenEvidence('evidence', [])).toEqual([]);
  });
});

describe('rewrittenEvidence on a folder moved whole', () => {
  it('names the first 20 items and counts the others in one more', () => {
    const files = Array.from({ length: 25 }, (_, i) => ({ path: `evidence/AC-01/2026-Q3/export-${String(i).padStart(2, '0')}.csv`, status: 'deleted' as const }));
    const weakenings = rewrittenEvidence('evidence', files);
    expect(weakenings).toHaveLength(21);
    expect(weakenings[19]!.subject).toBe('evidence/AC-01/2026-Q3/export-19.csv');
    expect(weakenings[20]).toEqual({ kind: 'evidence-rewritten', subject: 'evidence/', message: "5 more evidence items under `evidence/` edited or removed after they were added (see the pull request's diff); review the change" });
  });
});
