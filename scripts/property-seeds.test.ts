import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXED_PROPERTY_SEED, propertySeeds } from '../packages/core/test/property-seed.js';
// @ts-expect-error a plain ESM script without type declarations
import { propertyTestFiles } from './property-seeds.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'dist') return [];
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? testFiles(file) : entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

describe('property seeds', () => {
  it('are fixed in the normal run and chosen by EVIDENT_PROPERTY_SEED otherwise', () => {
    expect(propertySeeds(undefined)).toEqual([FIXED_PROPERTY_SEED]);
    expect(propertySeeds('')).toEqual([FIXED_PROPERTY_SEED]);
    expect(propertySeeds('-1831781010')).toEqual([-1831781010]);
    expect(propertySeeds('1, -2,3')).toEqual([1, -2, 3]);
    expect(propertySeeds('random')).toHaveLength(1);
    expect(() => propertySeeds('often')).toThrow('Unexpected EVIDENT_PROPERTY_SEED `often`, expected `random` or integers separated by commas');
  });

  it('reach every property test: none calls fast-check with its own (random) seed', () => {
    const files = (propertyTestFiles() as string[]).map((file) => path.relative(root, file));
    expect(files).toEqual([
      'packages/core/src/evidence-items/portable-name.test.ts',
      'packages/core/src/flat-string.test.ts',
      'packages/core/src/format/csv.test.ts',
      'packages/core/src/import/file-name-id.test.ts',
      'packages/core/src/io/generated-repository.property.test.ts',
      'packages/core/src/parse/markdown-outline.test.ts',
      'packages/core/src/parse/markdown-tokens.property.test.ts',
      'packages/core/src/parse/parse-block-yaml.property.test.ts',
      'packages/core/src/parse/parse-document.property.test.ts',
      'packages/core/src/parse/parse-flat-yaml.property.test.ts',
      'packages/core/src/parse/split-frontmatter.property.test.ts',
    ]);
    const direct = testFiles(path.join(root, 'packages'))
      .concat(testFiles(path.join(root, 'scripts')))
      .filter((file) => /\bfc\.(assert|check)\(/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(root, file));
    expect(direct).toEqual([]);
  });
});
