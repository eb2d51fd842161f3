import { code } from '../diagnostic.js';
import type { EvidenceItem } from '../evidence-items/evidence-item.js';
import type { Rule } from './rule.js';

/** One event as a population lists it: the population item and the event's index in its `events`. */
interface Listing {
  population: EvidenceItem;
  index: number;
  date: string;
}

export const evidenceBeforeEvent: Rule = {
  id: 'evidence/before-event',
  description: 'Evidence of an event is collected on or after the day of the event, as a population of its control dates it.',
  check(model, report) {
    // Each event id once, with every population that lists it: items are many, events looked up per item.
    const listings = new Map<string, Listing[]>();
    for (const population of model.evidence.items) {
      population.metadata?.events?.forEach((event, index) => {
        const listing = { population, index, date: event.date };
        const known = listings.get(event.id);
        if (known) known.push(listing);
        else listings.set(event.id, [listing]);
      });
    }
    for (const item of model.evidence.items) {
      const metadata = item.metadata;
      if (metadata?.event === undefined) continue;
      // The calendar date as written, whatever the time and offset that follow (as for `covers`).
      const day = metadata.collected_at.slice(0, 10);
      // A population of another control may use the same id for another event: only a control in common dates this one.
      const listing = listings
        .get(metadata.event)
        ?.find((l) => l.date > day && l.population.metadata!.controls.some((id) => metadata.controls.includes(id)));
      if (!listing) continue;
      report({
        message: `Unexpected \`collected_at\` ${code(metadata.collected_at)} before the day of event ${code(metadata.event)} (${listing.date}), expected evidence of an event collected on or after the day it happened`,
        file: item.metadataPath,
        ...item.locate(['collected_at']),
        related: [{ file: listing.population.metadataPath, line: listing.population.locate(['events', listing.index, 'date']).line, message: `${code(listing.population.path)} lists event ${code(metadata.event)} on ${listing.date}` }],
      });
    }
  },
};
