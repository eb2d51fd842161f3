import type { Finding } from '../diagnostic.js';
import { parseYaml } from '../parse/parse-yaml.js';
import type { Locate } from '../parse/yaml-locator.js';
import type { SourceFile } from '../source-file.js';
import { schemaFindings } from '../validate/schema-findings.js';
import type { Validators } from '../validate/create-validators.js';
import { withDefaults, type EvidentConfig } from './config.js';
import { configSanityFindings } from './config-sanity.js';

export interface LoadedConfig {
  /** Undefined when evident.yaml is unusable; the findings say why. */
  config: EvidentConfig | undefined;
  /** Positions of keys and values in evident.yaml. */
  locate: Locate;
  findings: Finding[];
  /** The keys of `paths` evident.yaml sets itself (the others are defaults), when it is usable. */
  pathsSet?: string[];
}

/**
 * Parse and validate evident.yaml. Findings carry the rule id `config`. `today`, when given,
 * also bounds audit dates in the future (see `configSanityFindings`).
 */
export function loadConfig(source: SourceFile, validators: Validators, today?: string): LoadedConfig {
  const parsed = parseYaml(stripBom(source.text), source.path);
  const findings: Finding[] = parsed.findings.map((f) => ({ ...f, ruleId: 'config' }));
  if (!parsed.ok) return { config: undefined, locate: parsed.locate, findings };
  if (parsed.data === null || typeof parsed.data !== 'object' || Array.isArray(parsed.data)) {
    return { config: undefined, locate: parsed.locate, findings: [...findings, { ruleId: 'config', message: 'Unexpected content in `evident.yaml`, expected a mapping of settings', file: source.path, line: 1 }] };
  }
  const invalid = schemaFindings(validators.config, parsed.data, source.path, parsed.locate, 'evident.yaml').map((f) => ({ ...f, ruleId: 'config' }));
  // A repeated key leaves evident.yaml ambiguous: reported with every schema finding, and the configuration is not used.
  const ambiguous = parsed.findings.some((f) => f.ruleId === 'parse/duplicate-key');
  if (invalid.length > 0 || ambiguous) return { config: undefined, locate: parsed.locate, findings: [...findings, ...invalid] };
  const config = withDefaults(parsed.data as Record<string, unknown>);
  const insane = configSanityFindings(config, source.path, parsed.locate, today);
  if (insane.length > 0) return { config: undefined, locate: parsed.locate, findings: [...findings, ...insane] };
  const paths = (parsed.data as { paths?: Record<string, unknown> }).paths;
  return { config, locate: parsed.locate, findings, pathsSet: Object.keys(paths ?? {}) };
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
