import type { RepositoryModel } from '../model/repository-model.js';
import type { EvidenceItem, EvidenceMetadata } from './evidence-item.js';

/** An evidence item that can count towards an occurrence. */
export type UsableEvidenceItem = EvidenceItem & { metadata: EvidenceMetadata; covers: NonNullable<EvidenceItem['covers']> };

/**
 * Items that count as evidence: complete metadata naming known controls and a
 * roster collector, an existing file inside the folder whose bytes match the
 * recorded SHA-256. Anything `evident check` reports about an item keeps it from counting.
 */
export function usableEvidence(model: RepositoryModel): UsableEvidenceItem[] {
  const controls = new Set(model.controls.map((c) => c.id));
  const people = new Set(model.people.map((p) => p.id));
  return model.evidence.items.filter(
    (item): item is UsableEvidenceItem =>
      item.metadata !== undefined &&
      item.covers !== undefined &&
      item.problems.length === 0 &&
      item.file?.sha256 !== undefined &&
      item.file.sha256 === item.metadata.sha256 &&
      item.metadata.controls.every((id) => controls.has(id)) &&
      (model.people.length === 0 || people.has(item.metadata.collected_by)),
  );
}
