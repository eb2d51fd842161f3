#!/usr/bin/env node
// The floor `evident check` is compared with: read every policy and control and
// parse its frontmatter with `yaml`, in a plain loop. Usage: floor-read-yaml.mjs DIR
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = process.argv[2];
let documents = 0;
for (const folder of ['policies', 'controls']) {
  for (const name of readdirSync(path.join(root, folder))) {
    const text = readFileSync(path.join(root, folder, name), 'utf8');
    parse(text.slice(3, text.indexOf('\n---', 3)));
    documents += 1;
  }
}
process.stdout.write(`${documents}\n`);
