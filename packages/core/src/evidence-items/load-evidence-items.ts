import type { ValidateFunction } from 'ajv';
import { code, type Finding } from '../diagnostic.js';
import { stripBom } from '../config/load-config.js';
import { lazyLocator } from '../parse/yaml-locator.js';
import { parseFlatYaml } from '../parse/parse-flat-yaml.js';
import { parseYaml } from '../parse/parse-yaml.js';
import type { SourceFile } from '../source-file.js';
import { parsePeriod, periodFromDates, PERIOD_SYNTAX, type Period } from '../time/period.js';
import { schemaFindings } from '../validate/schema-findings.js';
import { METADATA_SUFFIX, type EvidenceCatalog, type EvidenceFileDigest, type EvidenceItem, type EvidenceMetadata } from './evidence-item.js';

/** The order `localeCompare` gives (the default locale's), faster per comparison over tens of thousands of items. */
const collator = new Intl.Collator();

export interface LoadedEvidence {
  catalog: EvidenceCatalog;
  /** YAML parse findings: metadata that is not YAML at all. */
  findings: Finding[];
}

/**
 * Parse every metadata file, validate it and pair it with the file it describes.
 * Schema and pairing problems stay on the item for the `evidence/metadata` rule. Without
 * `files` (a snapshot that did not hash the folder) files are not paired. Pure.
 */
export function loadEvidenceItems(sources: readonly SourceFile[], files: ReadonlyMap<string, EvidenceFileDigest> | undefined, folder: string, validate: ValidateFunction): LoadedEvidence {
  const findings: Finding[] = [];
  const items: EvidenceItem[] = [];
  // Monthly evidence names a few dozen periods over tens of thousands of items: each is read once.
  const periods = new Map<string, Period | undefined>();
  for (const source of [...sources].sort((a, b) => collator.compare(a.path, b.path))) {
    const fast = readCanonical(source, files, validate, periods);
    if (fast) {
      items.push(fast);
      continue;
    }
    const parsed = parseYaml(stripBom(source.text), source.path);
    if (!parsed.ok) {
      findings.push(...parsed.findings);
      continue;
    }
    findings.push(...parsed.findings);
    const path = source.path.slice(0, -METADATA_SUFFIX.length);
    const problems = schemaFindings(validate, parsed.data, source.path, parsed.locate, 'evidence metadata');
    // Keep a locator that re-parses on demand, not the YAML tree: tens of thousands of items stay light.
    const item: EvidenceItem = { path, metadataPath: source.path, file: files?.get(path), locate: problems.length ? parsed.locate : lazyLocator(stripBom(source.text)), problems };
    if (problems.length === 0) {
      item.metadata = parsed.data as EvidenceMetadata;
      const covers = coversPeriod(item.metadata.covers);
      if (covers) item.covers = covers;
      else problems.push({ message: `Unexpected ${code(typeof item.metadata.covers === 'object' ? `${item.metadata.covers.start}..${item.metadata.covers.end}` : item.metadata.covers)} for \`covers\`, expected ${PERIOD_SYNTAX}`, file: source.path, ...parsed.locate(['covers']) });
      const early = covers && collectedTooEarly(item.metadata.collected_at, covers, item.metadata.events !== undefined);
      if (early) problems.push({ message: early, file: source.path, ...parsed.locate(['collected_at']) });
      for (const [index, event] of (item.metadata.events ?? []).entries()) {
        if (item.covers && (event.date < item.covers.start || event.date > item.covers.end)) {
          problems.push({ message: `Unexpected event date ${code(event.date)} outside \`covers\` (${item.covers.start} to ${item.covers.end}), expected the population to list only events of the covered period`, file: source.path, ...parsed.locate(['events', index, 'date']) });
        }
      }
    }
    if (files && item.file === undefined) {
      problems.push({ message: `Missing evidence file ${code(path)}, expected the file this metadata describes next to it`, file: source.path, line: 1, column: 1 });
    }
    items.push(item);
  }
  // The digests are kept as read, not copied (tens of thousands of keys): nothing changes them.
  return { catalog: { folder: folder.replace(/\/+$/, ''), items, files: files ?? new Map() }, findings };
}

/**
 * An item whose metadata is in the flat form `evident evidence add` writes and has no problem at all,
 * read without building a YAML tree (tens of thousands of items per check); undefined sends the file
 * through the full parse, which finds and places every problem.
 */
function readCanonical(source: SourceFile, files: ReadonlyMap<string, EvidenceFileDigest> | undefined, validate: ValidateFunction, periods: Map<string, Period | undefined>): EvidenceItem | undefined {
  const text = stripBom(source.text);
  const data = parseFlatYaml(text);
  if (data === undefined || data['events'] !== undefined || !validate(data)) return undefined;
  const metadata = data as unknown as EvidenceMetadata;
  // The flat form holds no mapping, so `covers` is a string here.
  const key = String(metadata.covers);
  const covers = periods.has(key) ? periods.get(key) : periods.set(key, coversPeriod(metadata.covers)).get(key);
  const path = source.path.slice(0, -METADATA_SUFFIX.length);
  const file = files?.get(path);
  // The flat form has no `events`: only collection before the period can be wrong here.
  if (!covers || collectedTooEarly(metadata.collected_at, covers, false) || (files && file === undefined)) return undefined;
  return { path, metadataPath: source.path, metadata, covers, file, locate: lazyLocator(text), problems: [] };
}

/**
 * Why `collected_at` is too early for the period the item covers, or undefined. Evidence collected
 * before the period started cannot show the control operating in it; a population (`events`) listed
 * before the period's last day claims every event of the period, which it cannot know for the days
 * after it was collected. Calendar dates as written, whatever the time and offset that follow.
 */
function collectedTooEarly(collectedAt: string, covers: Period, population: boolean): string | undefined {
  const day = collectedAt.slice(0, 10);
  if (day < covers.start) {
    return `Unexpected \`collected_at\` ${code(collectedAt)} before the covered period (${covers.start} to ${covers.end}), expected evidence collected during or after the period it covers`;
  }
  if (population && day < covers.end) {
    return `Unexpected \`collected_at\` ${code(collectedAt)} before the end of the covered period (${covers.start} to ${covers.end}) for a population, expected the population listed once its period is over: events after ${day} could be missing from it`;
  }
  return undefined;
}

/** The period a `covers` value names, or undefined when it names none. */
export function coversPeriod(covers: EvidenceMetadata['covers']): Period | undefined {
  if (typeof covers === 'object') return periodFromDates(covers.start, covers.end);
  return parsePeriod(String(covers));
}
