import type { Finding } from '../diagnostic.js';
import { stripBom } from '../config/load-config.js';
import { parseYaml } from '../parse/parse-yaml.js';
import type { Locate } from '../parse/yaml-locator.js';
import type { SourceFile } from '../source-file.js';
import { schemaFindings } from '../validate/schema-findings.js';
import type { Validators } from '../validate/create-validators.js';
import type { Person } from './types.js';

export interface LoadedPeople {
  people: Person[];
  locate: Locate;
  findings: Finding[];
  /** The roster could not be parsed, or holds no `people` list: its findings say why, and no reference can be judged against it. */
  unreadable?: true;
  /** Ids of entries that fail the schema: reported once at the entry, and not reported again at every reference to them. */
  invalidIds: string[];
}

/**
 * Parse and validate the people roster. Entries that fail the schema are
 * reported and left out; the valid ones still resolve references.
 */
export function loadPeople(source: SourceFile | undefined, validators: Validators): LoadedPeople {
  if (!source) return { people: [], locate: () => ({ line: 1, column: 1 }), findings: [], invalidIds: [] };
  const parsed = parseYaml(stripBom(source.text), source.path);
  if (!parsed.ok) return { people: [], locate: parsed.locate, findings: parsed.findings, unreadable: true, invalidIds: [] };
  const findings = [...parsed.findings, ...schemaFindings(validators.people, parsed.data, source.path, parsed.locate, 'roster').map((f) => ({ ...f, ruleId: 'schema' }))];
  const entries = (parsed.data as { people?: unknown } | null)?.people;
  if (!Array.isArray(entries)) return { people: [], locate: parsed.locate, findings, unreadable: true, invalidIds: [] };
  const people: Person[] = [];
  const invalidIds: string[] = [];
  for (const entry of entries as unknown[]) {
    if (validators.person(entry)) people.push(entry as Person);
    else if (entry !== null && typeof entry === 'object' && typeof (entry as { id?: unknown }).id === 'string') invalidIds.push((entry as { id: string }).id);
  }
  return { people, locate: parsed.locate, findings, invalidIds };
}
