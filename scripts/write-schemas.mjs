#!/usr/bin/env node
// Writes the published JSON Schemas (schemas/*.json) from the core package's schema modules.
// With --check, fails when a committed schema differs from what the code defines.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishedSchemas } from '../packages/core/dist/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
let stale = 0;
for (const [name, schema] of Object.entries(publishedSchemas)) {
  const file = path.join(root, 'schemas', name);
  const text = JSON.stringify(schema, null, 2) + '\n';
  const current = await readFile(file, 'utf8').catch(() => '');
  if (current === text) continue;
  if (check) {
    console.error(`schemas/${name} is stale: run \`node scripts/write-schemas.mjs\``);
    stale += 1;
  } else {
    await writeFile(file, text);
    console.log(`wrote schemas/${name}`);
  }
}
if (stale) process.exit(1);
