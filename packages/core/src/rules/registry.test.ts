import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultSeverities, ruleDocPath } from '../config/default-severities.js';
import { checkRoot, fixture, fixturesRoot } from '../../test/check-fixture.js';
import { formatDiagnosticsText } from '../format/format-diagnostics-text.js';
import { rules } from './registry.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repositoryRoot = path.resolve(here, '../../../..');
/** Findings of the pipeline stages, which have a page and fixtures like rules. */
const stages = ['config', 'schema', 'parse'];
const page = (ruleId: string) => path.basename(ruleDocPath(ruleId), '.md');

describe('rule registry', () => {
  it('lists each rule once', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(rules.map((r) => [r.id]))('gives `%s` a default severity, a test beside it, ok and not-ok fixtures and a page', (id) => {
    expect(defaultSeverities[id]).toBeDefined();
    expect(existsSync(path.join(here, `${page(id)}.test.ts`))).toBe(true);
    expect(existsSync(path.join(fixturesRoot, page(id), 'ok', 'evident.yaml'))).toBe(true);
    expect(existsSync(path.join(fixturesRoot, page(id), 'not-ok', 'evident.yaml'))).toBe(true);
    expect(existsSync(path.join(repositoryRoot, ruleDocPath(id)))).toBe(true);
  });

  it.each(stages.map((s) => [s]))('gives the `%s` findings ok and not-ok fixtures and a page', (id) => {
    expect(defaultSeverities[id]).toBeDefined();
    expect(existsSync(path.join(fixturesRoot, id, 'ok', 'evident.yaml'))).toBe(true);
    expect(existsSync(path.join(fixturesRoot, id, 'not-ok', 'evident.yaml'))).toBe(true);
    expect(existsSync(path.join(repositoryRoot, ruleDocPath(id)))).toBe(true);
  });

  it('maps every parse finding to the one `parse` page', () => {
    expect(ruleDocPath('parse/yaml')).toBe('docs/rules/parse.md');
    expect(ruleDocPath('id/duplicate')).toBe('docs/rules/id-duplicate.md');
  });

  it.each([...rules.map((r) => r.id), ...stages].map((id) => [page(id)]))('shows in docs/rules/%s.md only findings its not-ok fixture really produces', async (name) => {
    const doc = readFileSync(path.join(repositoryRoot, 'docs/rules', `${name}.md`), 'utf8');
    // Indented `file:line:col severity message [rule]` lines are output of the page's not-ok fixture.
    const shown = doc.split('\n').filter((line) => /^ {2}\S+:\d+:\d+ (error|warning|info) .+ \[[a-z/-]+\]$/.test(line));
    // Every page shows at least one finding of its own, so every page is held to its fixture.
    if (shown.length === 0) throw new Error(`docs/rules/${name}.md shows no output of its not-ok fixture (indented \`file:line:col severity message [rule]\` lines)`);
    const output = formatDiagnosticsText((await checkRoot(fixture(name, 'not-ok'))).diagnostics).split('\n');
    for (const line of shown) expect(output).toContain(line);
  });
});
