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
}

/**
 * Parse and validate the people roster. Entries that fail the schema are
 * reported and left out; the valid ones still resolve references.
 */
export function loadPeople(source: SourceFile | undefined, validators: Validators): LoadedPeople {
  if (!source) return { people: [], locate: () => ({ line: 1, column: 1 }), findings: [] };
  const parsed = parseYaml(stripBom(source.text), source.path);
  if (!parsed.ok) return { people: [], locate: parsed.locate, findings: parsed.findings };
  const findings = [...parsed.findings, ...schemaFindings(validators.people, parsed.data, source.path, parsed.locate, 'roster').map((f) => ({ ...f, ruleId: 'schema' }))];
  const entries = (parsed.data as { people?: unknown } | null)?.people;
  const people = Array.isArray(entries) ? (entries.filter((entry) => validators.person(entry)) as Person[]) : [];
  return { people, locate: parsed.locate, findings };
}
