import type { RepositoryModel } from '../model/repository-model.js';
import type { IsoDate } from '../time/calendar.js';
import { isCollectedAfter } from './collected-after-today.js';
import type { EvidenceItem, EvidenceMetadata } from './evidence-item.js';
import { unexpectedEvent } from './unexpected-event.js';

/** An evidence item that can count towards an occurrence. */
export type UsableEvidenceItem = EvidenceItem & { metadata: EvidenceMetadata; covers: NonNullable<EvidenceItem['covers']> };

/**
 * Items that count as evidence: complete metadata naming known controls and a
 * roster collector, an existing file inside the folder whose bytes match the
 * recorded SHA-256 (and size, when recorded), collected during or after the period it covers (a load
 * problem) and not after `today`, with no `event` or `events` unless a control it names is event-driven. Anything `evident check` reports about an item keeps it from
 * counting. A file the gate did not hash (`unhashed`) counts: it was checked when it was added.
 */
export function usableEvidence(model: RepositoryModel, today: IsoDate): UsableEvidenceItem[] {
  const controls = new Set(model.controls.map((c) => c.id));
  const people = new Set(model.people.map((p) => p.id));
  return model.evidence.items.filter(
    (item): item is UsableEvidenceItem =>
      item.metadata !== undefined &&
      item.covers !== undefined &&
      item.problems.length === 0 &&
      !isCollectedAfter(item.metadata.collected_at, today) &&
      unexpectedEvent(item, model.controls).length === 0 &&
      matchesFile(item) &&
      item.metadata.controls.every((id) => controls.has(id)) &&
      (model.people.length === 0 || people.has(item.metadata.collected_by)),
  );
}

/** Whether the item's file is present and its digest (or its Git LFS pointer) agrees with the metadata. */
function matchesFile(item: EvidenceItem): boolean {
  const file = item.file;
  if (file?.unhashed) return true;
  if (file?.sha256 === undefined || file.sha256 !== item.metadata?.sha256) return false;
  return item.metadata.size === undefined || item.metadata.size === file.bytes;
}
