import { code } from '../diagnostic.js';
import type { EvidenceItem } from '../evidence-items/evidence-item.js';
import type { Rule } from './rule.js';

/** One event as a population lists it: the population item and the event's index in its `events`. */
interface Listing {
  population: EvidenceItem;
  index: number;
  date: string;
}

export const evidenceEventOutsideCovers: Rule = {
  id: 'evidence/event-outside-covers',
  description: 'Evidence of an event covers the period the event happened in, as a population of its control dates it.',
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
      const covers = item.covers;
      if (metadata?.event === undefined || !covers) continue;
      // A population of another control may use the same id for another event: only a control in common dates this one.
      const listing = listings
        .get(metadata.event)
        ?.find((l) => (l.date < covers.start || l.date > covers.end) && l.population.metadata!.controls.some((id) => metadata.controls.includes(id)));
      if (!listing) continue;
      report({
        message: `Unexpected event ${code(metadata.event)} of ${listing.date} outside \`covers\` (${covers.start} to ${covers.end}), expected evidence of an event to cover the period the event happened in`,
        file: item.metadataPath,
        ...item.locate(['event']),
        related: [{ file: listing.population.metadataPath, line: listing.population.locate(['events', listing.index, 'date']).line, message: `${code(listing.population.path)} lists event ${code(metadata.event)} on ${listing.date}` }],
      });
    }
  },
};
