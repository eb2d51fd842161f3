import type { Finding } from '../diagnostic.js';
import { stripBom } from '../config/load-config.js';
import { parseYaml } from '../parse/parse-yaml.js';
import type { SourceFile } from '../source-file.js';
import { schemaFindings } from '../validate/schema-findings.js';
import type { Validators } from '../validate/create-validators.js';
import type { Framework } from './types.js';

export interface LoadedFramework {
  framework: Framework | undefined;
  findings: Finding[];
}

/**
 * Load a framework catalog (data, not code) and attach licensed criterion text
 * from an optional local file mapping criterion ids to text.
 */
export function loadFramework(catalog: SourceFile | undefined, licensedText: SourceFile | undefined, validators: Validators): LoadedFramework {
  if (!catalog) return { framework: undefined, findings: [] };
  const parsed = parseYaml(stripBom(catalog.text), catalog.path);
  if (!parsed.ok) return { framework: undefined, findings: parsed.findings };
  const invalid = schemaFindings(validators.framework, parsed.data, catalog.path, parsed.locate, 'framework catalog').map((f) => ({ ...f, ruleId: 'schema' }));
  if (invalid.length > 0) return { framework: undefined, findings: invalid };
  const framework = parsed.data as Framework;
  const findings: Finding[] = [];
  if (licensedText) {
    const text = parseYaml(stripBom(licensedText.text), licensedText.path);
    findings.push(...text.findings);
    if (text.ok && text.data && typeof text.data === 'object') {
      const byId = text.data as Record<string, unknown>;
      framework.criteria = framework.criteria.map((c) => (typeof byId[c.id] === 'string' ? { ...c, text: (byId[c.id] as string).trim() } : c));
    }
  }
  return { framework, findings };
}
