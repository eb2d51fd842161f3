import type { Finding } from '../diagnostic.js';
import type { Control } from '../model/types.js';
import type { EvidenceItem } from './evidence-item.js';

/**
 * An `event` or `events` key on an item none of whose controls is event-driven (`frequency: event`):
 * readiness reads those keys only for event-driven controls, so on a scheduled control they are a
 * mistake (the wrong control, or a key meant for another item). One finding per key, at the key.
 * Controls the item names that do not exist are another rule's finding and are left aside here;
 * an item naming no known control has no finding. Reported by the `evidence/metadata` rule, and
 * `usableEvidence` leaves such an item out. Pure.
 */
export function unexpectedEvent(item: EvidenceItem, controls: readonly Pick<Control, 'id' | 'frequency'>[]): Finding[] {
  const metadata = item.metadata;
  if (!metadata || (metadata.event === undefined && metadata.events === undefined)) return [];
  const named = metadata.controls.map((id) => controls.find((c) => c.id === id)).filter((c) => c !== undefined);
  if (named.length === 0 || named.some((c) => c.frequency === 'event')) return [];
  const which = `${named.length === 1 ? 'control' : 'controls'} ${named.map((c) => `${c.id} (frequency ${c.frequency})`).join(', ')}`;
  return (['event', 'events'] as const)
    .filter((key) => metadata[key] !== undefined)
    .map((key) => ({ message: `Unexpected \`${key}\` for ${which}, expected \`${key}\` only for event-driven controls`, file: item.metadataPath, ...item.locate([key], 'key') }));
}
