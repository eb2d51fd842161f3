import { code } from '../diagnostic.js';
import type { EvidenceItem } from '../evidence-items/evidence-item.js';
import type { Rule } from './rule.js';

export const evidenceReused: Rule = {
  id: 'evidence/reused',
  description: 'One evidence file evidences one period of a control: the same bytes are not filed again for another period.',
  check(model, report) {
    // Grouped by the digest the metadata records: the gate hashes only what a change touches, and the metadata is what counts.
    const byDigest = new Map<string, EvidenceItem[]>();
    for (const item of model.evidence.items) {
      // The schema holds `sha256` to lowercase hex: no case to fold.
      const digest = item.metadata?.sha256;
      if (digest === undefined || item.covers === undefined) continue;
      const group = byDigest.get(digest);
      if (group) group.push(item);
      else byDigest.set(digest, [item]);
    }
    for (const group of byDigest.values()) {
      if (group.length < 2) continue;
      const sorted = [...group].sort((a, b) => a.path.localeCompare(b.path));
      sorted.forEach((item, index) => {
        for (const first of sorted.slice(0, index)) {
          const control = item.metadata!.controls.find((id) => first.metadata!.controls.includes(id));
          // Overlapping periods share days: the file can show the control in both (a review on 2026-10-02 filed for the day and for 2026-Q4).
          if (control === undefined || (first.covers!.start <= item.covers!.end && item.covers!.start <= first.covers!.end)) continue;
          report({
            message: `Unexpected evidence ${code(item.path)} with the bytes of ${code(first.path)} (same \`sha256\`) for control ${code(control)}, covering ${item.covers!.label} instead of ${first.covers!.label}, expected evidence collected for each period it covers`,
            file: item.metadataPath,
            ...item.locate(['sha256']),
            related: [{ file: first.metadataPath, line: first.locate(['sha256']).line, message: `${code(first.path)} covers ${first.covers!.label} with the same bytes` }],
          });
          return;
        }
      });
    }
  },
};
