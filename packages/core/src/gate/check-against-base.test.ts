import { describe, expect, it } from '@jest/globals';
import { baseFiles, config, snapshotOf } from '../../test/gate-snapshot.js';
import { loadConfig } from '../config/load-config.js';
import { createValidators } from '../validate/create-validators.js';
import { checkAgainstBase } from './check-against-base.js';

const validators = createValidators();
const baseConfig = loadConfig({ path: 'evident.yaml', text: config }, validators).config!;

/** The base program with an unknown person as a policy approver and evident.yaml rewritten by `edit`. */
function head(edit: (text: string) => string) {
  const files = baseFiles();
  files.policies[1] = { path: files.policies[1]!.path, text: files.policies[1]!.text.replace('alan-turing', 'nobody-known') };
  const snapshot = snapshotOf(files);
  return { ...snapshot, config: { path: 'evident.yaml', text: edit(config) } };
}
const rules = (diagnostics: { ruleId: string; severity: string }[]) => diagnostics.map((d) => `${d.severity} ${d.ruleId}`);

describe('checkAgainstBase', () => {
  it("judges the head with the base's rule severities, not its own", () => {
    const result = checkAgainstBase(head((t) => `${t}rules:\n  reference/unknown-person: off\n`), baseConfig, { today: '2026-11-26', validators });
    expect(result.rulesFrom).toBe('base');
    expect(result.configFailed).toBe(false);
    expect(rules(result.diagnostics)).toEqual(['error reference/unknown-person']);
    expect(result.headConfig?.rules).toEqual({ 'reference/unknown-person': 'off' });
  });

  it("applies the head's own rules when the base has no usable evident.yaml", () => {
    const result = checkAgainstBase(head((t) => `${t}rules:\n  reference/unknown-person: warning\n`), undefined, { today: '2026-11-26', validators });
    expect(result.rulesFrom).toBe('head');
    expect(rules(result.diagnostics)).toEqual(['warning reference/unknown-person']);
  });

  it("keeps the base's categories in scope and fails on an unusable head evident.yaml", () => {
    const withPrivacy = { ...baseConfig, frameworks: [{ id: 'soc2' as const, categories: ['security' as const, 'privacy' as const] }] };
    const result = checkAgainstBase(head((t) => t), withPrivacy, { today: '2026-11-26', validators });
    expect([...result.model!.categories].sort()).toEqual(['privacy', 'security']);
    const broken = checkAgainstBase(head((t) => t.replace('type: type2', 'type: type9')), baseConfig, { today: '2026-11-26', validators });
    expect(broken.configFailed).toBe(true);
    expect(rules(broken.diagnostics)).toEqual(['error config']);
  });
});
