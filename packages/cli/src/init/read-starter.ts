import { listFiles } from '@evident/core';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StarterFiles } from './plan-init.js';

/** The files of an Evident checkout that make up the starter program. */
const starterPaths = ['evident.yaml', 'people.yaml', '.github/CODEOWNERS', '.github/pull_request_template.md'];
const starterFolders = ['policies', 'controls', 'frameworks'];
const starterWorkflows = ['pr-gate.yml', 'evidence.yml', 'release.yml', 'reminders.yml'];

/** The Evident checkout this CLI runs from: the nearest folder above it holding the SOC 2 catalog. */
export function findStarterRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'frameworks/soc2/criteria.yaml')) && existsSync(path.join(dir, 'policies'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export async function readStarter(root: string): Promise<StarterFiles> {
  const folders = await Promise.all(starterFolders.map((f) => listFiles(root, f, (p) => !p.endsWith('.local.yaml'))));
  const workflows = starterWorkflows.map((w) => `.github/workflows/${w}`);
  const candidates = [...starterPaths, ...workflows, ...folders.flat()];
  const files = new Map<string, string>();
  for (const file of candidates) {
    const text = await readFile(path.join(root, file), 'utf8').catch(() => undefined);
    if (text !== undefined) files.set(file, text);
  }
  return files;
}
