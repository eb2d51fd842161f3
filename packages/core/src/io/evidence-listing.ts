import { METADATA_SUFFIX } from '../evidence-items/evidence-item.js';
import type { ListedEntries } from './list-entries.js';

/** The evidence folder's files as its own walks would list them, taken from a walk of the repository. */
export interface EvidenceListing {
  /** Metadata files (`*.evidence.yaml`), sorted. */
  metadata: string[];
  /** Every other file, sorted. */
  others: string[];
  /** Symbolic links whose name does not start with a dot (a linked folder among them is reported). */
  links: string[];
}

/** The files of a walk under `folder` (its `walkedPath`), split as the evidence readers need them. Pure. */
export function evidenceListing(listing: ListedEntries, folder: string): EvidenceListing {
  const prefix = `${folder}/`;
  const metadata: string[] = [];
  const others: string[] = [];
  for (const file of listing.files) {
    if (file.startsWith(prefix)) (file.endsWith(METADATA_SUFFIX) ? metadata : others).push(file);
  }
  const links: string[] = [];
  for (const link of listing.links) if (link.startsWith(prefix) && !link.slice(link.lastIndexOf('/') + 1).startsWith('.')) links.push(link);
  return { metadata, others, links };
}
