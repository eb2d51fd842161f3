#!/usr/bin/env node
// Generates a synthetic Evident repository for benchmarks.
// Usage: node scripts/bench/generate-repository.mjs DIR --policies N --controls N [--evidence N --evidence-bytes BYTES]
// Content is deterministic (a seeded generator), so runs compare like with like.
import { mkdir, writeFile, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

export const sizes = {
  S: { policies: 10, controls: 60 },
  M: { policies: 50, controls: 500 },
  L: { policies: 500, controls: 5000 },
};

function rng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const criteria = [
  ...[5, 3, 4, 2, 3, 8, 5, 1, 2].flatMap((n, f) => Array.from({ length: n }, (_, i) => `CC${f + 1}.${i + 1}`)),
  'A1.1', 'A1.2', 'A1.3', 'C1.1', 'C1.2',
];
const words = 'access review change incident vendor risk backup encryption logging monitoring asset retention privacy training onboarding offboarding key rotation vulnerability patch firewall endpoint'.split(' ');

function paragraph(random, n) {
  return Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join(' ') + '.';
}

export async function generateRepository(dir, { policies, controls, evidence = 0, evidenceBytes = 0 }) {
  const random = rng(42);
  await mkdir(path.join(dir, 'policies'), { recursive: true });
  await mkdir(path.join(dir, 'controls'), { recursive: true });
  await mkdir(path.join(dir, 'frameworks/soc2'), { recursive: true });
  await copyFile(path.join(repoRoot, 'frameworks/soc2/criteria.yaml'), path.join(dir, 'frameworks/soc2/criteria.yaml'));
  await writeFile(
    path.join(dir, 'evident.yaml'),
    `organization:\n  name: Bench Corp\n  security_officer: alice\nframeworks:\n  - id: soc2\n    categories: [security, availability, confidentiality]\naudit:\n  type: type2\n  period: { start: 2026-01-01, end: 2026-12-31 }\nteams:\n  - id: security\n    name: Security\n    members: [alice, bob]\n`,
  );
  await writeFile(
    path.join(dir, 'people.yaml'),
    `people:\n${['alice', 'bob', 'carol'].map((id) => `  - id: ${id}\n    name: ${id}\n    github: ${id}-gh\n    email: ${id}@example.com\n    roles: [staff]\n    start_date: 2025-01-01\n`).join('')}`,
  );
  const policyIds = Array.from({ length: policies }, (_, i) => `policy-${String(i + 1).padStart(4, '0')}`);
  const sections = ['Purpose', 'Scope', 'Policy', 'Roles and Responsibilities', 'Exceptions', 'Enforcement'];
  await Promise.all(
    policyIds.map((id, i) =>
      writeFile(
        path.join(dir, 'policies', `${id}.md`),
        `---\nid: ${id}\ntitle: Policy ${i + 1}\nversion: "1.0"\nstatus: approved\nowner: alice\napprovers: [security]\neffective_date: 2026-01-01\nreview:\n  cadence: annually\n  last_reviewed: 2026-01-01\ncriteria: [${criteria[i % criteria.length]}]\nacknowledgment:\n  audience: [everyone]\n  within_days: 30\n---\n\n# Policy ${i + 1}\n\n${sections.map((s) => `## ${s}\n\n${paragraph(random, 60)}\n`).join('\n')}`,
      ),
    ),
  );
  // Control ids must match ^[A-Z]{2,5}-[0-9]{2,3}$: a two-letter prefix per thousand controls.
  const ids = Array.from({ length: controls }, (_, i) => `${String.fromCharCode(65 + (Math.floor(i / 26000) % 26))}${String.fromCharCode(65 + (Math.floor(i / 1000) % 26))}X-${String(i % 1000).padStart(3, '0')}`);
  await Promise.all(
    ids.map((id, i) =>
      writeFile(
        path.join(dir, 'controls', `${id}.md`),
        `---\nid: ${id}\ntitle: Control ${i + 1}\nowner: security\ncriteria: [${[...new Set([criteria[i % criteria.length], criteria[(i * 7 + 3) % criteria.length]])].join(", ")}]\npolicies: [${policyIds[i % policyIds.length]}]\nstatus: planned\nfrequency: quarterly\nevidence:\n  - description: Quarterly record number ${i + 1} signed off by the owner\n    collection: manual\n---\n\n# Control ${i + 1}\n\n## Description\n\n${paragraph(random, 80)}\n\n## Test procedure\n\n1. ${paragraph(random, 20)}\n2. ${paragraph(random, 20)}\n`,
      ),
    ),
  );
  if (evidence > 0) {
    const perFile = Math.floor(evidenceBytes / evidence);
    const block = Buffer.alloc(Math.min(perFile, 1 << 20));
    for (let i = 0; i < block.length; i += 1) block[i] = Math.floor(random() * 256);
    for (let i = 0; i < evidence; i += 1) {
      const control = ids[i % ids.length];
      const folder = path.join(dir, 'evidence', control);
      await mkdir(folder, { recursive: true });
      const name = `item-${String(i).padStart(5, '0')}.bin`;
      const bytes = Buffer.alloc(perFile);
      for (let off = 0; off < perFile; off += block.length) block.copy(bytes, off, 0, Math.min(block.length, perFile - off));
      bytes.writeUInt32LE(i, 0);
      await writeFile(path.join(folder, name), bytes);
      await writeFile(path.join(folder, `${name}.evidence.yaml`), `controls: [${control}]\ncovers: 2026-Q${(i % 4) + 1}\ncollected_at: 2026-${String((i % 4) * 3 + 3).padStart(2, '0')}-28\ncollected_by: alice\nsource: Synthetic export\n`);
    }
  }
  return { policies: policyIds.length, controls: ids.length, evidence };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { size: { type: 'string' }, policies: { type: 'string' }, controls: { type: 'string' }, evidence: { type: 'string' }, 'evidence-bytes': { type: 'string' } } });
  const base = sizes[values.size ?? 'M'];
  const dir = positionals[0];
  if (!dir || !base) {
    console.error('Usage: generate-repository.mjs DIR [--size S|M|L] [--policies N] [--controls N] [--evidence N --evidence-bytes BYTES]');
    process.exit(2);
  }
  const result = await generateRepository(dir, {
    policies: Number(values.policies ?? base.policies),
    controls: Number(values.controls ?? base.controls),
    evidence: Number(values.evidence ?? 0),
    evidenceBytes: Number(values['evidence-bytes'] ?? 0),
  });
  console.log(JSON.stringify(result));
}
