import { code } from '../diagnostic.js';
import { METADATA_SUFFIX } from '../evidence-items/evidence-item.js';
import type { Weakening } from './detect-weakening.js';

/** Items named one by one; the others are counted in one more weakening, so a folder moved whole stays readable. */
const LISTED_ITEMS = 20;

/** A file the base had that the change modifies or deletes, relative to the repository root. */
export interface RewrittenFile {
  path: string;
  status: 'modified' | 'deleted';
}

/**
 * Evidence the base already had that the change edits or removes: the evidence file's bytes
 * (with its `sha256`, so no finding), only its metadata (`covers`, `controls`, `event`, …), or
 * the item. The gate re-hashes what a change touches, so bytes and digest edited together pass
 * every rule: an item already counted, and perhaps already sampled by the auditor, would show
 * other content or count for another period or control. A new version of evidence is a new item
 * (`evident evidence add` never overwrites), so each such change is named for review. `folder` is
 * the base's evidence folder. Pure.
 */
export function rewrittenEvidence(folder: string, files: readonly RewrittenFile[]): Weakening[] {
  const inside = `${folder.replace(/\/+$/, '')}/`;
  const items = new Map<string, { file?: RewrittenFile['status']; metadata?: RewrittenFile['status'] }>();
  for (const { path, status } of files) {
    if (!path.startsWith(inside)) continue;
    const metadata = path.endsWith(METADATA_SUFFIX);
    const item = metadata ? path.slice(0, -METADATA_SUFFIX.length) : path;
    const entry = items.get(item) ?? {};
    if (metadata) entry.metadata = status;
    else entry.file = status;
    items.set(item, entry);
  }
  const out: Weakening[] = [];
  const sorted = [...items].sort(([a], [b]) => a.localeCompare(b));
  for (const [item, { file, metadata }] of sorted.slice(0, LISTED_ITEMS)) {
    const weakened = (message: string) => out.push({ kind: 'evidence-rewritten', subject: item, message });
    if (file === 'deleted' || metadata === 'deleted') {
      weakened(`evidence ${code(item)} removed after it was added: the occurrences it met would no longer be, and an auditor who sampled it would not find it; review the change`);
    } else if (file === 'modified') {
      weakened(`evidence ${code(item)} replaced after it was added (its bytes${metadata ? ' and its metadata' : ''} changed): an item already counted would show other content; add a new item instead (\`evident evidence add\`)`);
    } else {
      weakened(`evidence ${code(item)} metadata edited after it was added: an item already counted could count for another period, control or event; add a new item instead (\`evident evidence add\`)`);
    }
  }
  const more = sorted.length - LISTED_ITEMS;
  if (more > 0) {
    out.push({ kind: 'evidence-rewritten', subject: inside, message: `${more} more evidence ${more === 1 ? 'item' : 'items'} under ${code(inside)} edited or removed after they were added (see the pull request's diff); review the change` });
  }
  return out;
}
