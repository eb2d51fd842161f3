import { listFiles } from '@evident/core';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StarterFiles } from './plan-init.js';
import type { ActionBundles } from './point-actions.js';

/** The files of an Evident checkout (or of the packed CLI's `starter/`) that make up the starter program. */
const starterPaths = ['evident.yaml', 'people.yaml', '.github/CODEOWNERS', '.github/pull_request_template.md', 'docs/github-setup.md'];
const starterFolders = ['policies', 'controls', 'frameworks', 'schemas', 'docs/rules', '.github/workflows'];
/** Workflows that concern Evident itself, not a company's program. */
export const projectOnlyWorkflows = ['.github/workflows/ci.yml', '.github/workflows/evident-release.yml'];

const isStarter = (dir: string) => existsSync(path.join(dir, 'frameworks/soc2/criteria.yaml')) && existsSync(path.join(dir, 'policies'));

/**
 * The starter program this CLI carries: `starter/` in the packed package, or the Evident
 * checkout it runs from (the nearest folder above it holding the SOC 2 catalog).
 */
export function findStarterRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (isStarter(path.join(dir, 'starter'))) return path.join(dir, 'starter');
    if (isStarter(dir)) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The committed action bundles beside the starter (`actions/<name>/` in the package, `packages/actions/<name>/` in a checkout). */
export function findActionsRoot(starterRoot: string): string | undefined {
  for (const candidate of [path.join(starterRoot, '..', 'actions'), path.join(starterRoot, 'packages', 'actions')]) {
    if (existsSync(path.join(candidate, 'check', 'action.yml'))) return path.resolve(candidate);
  }
  return undefined;
}

export async function readStarter(root: string): Promise<StarterFiles> {
  const folders = await Promise.all(starterFolders.map((f) => listFiles(root, f, (p) => !p.endsWith('.local.yaml'))));
  const candidates = [...starterPaths, ...folders.flat()].filter((p) => !projectOnlyWorkflows.includes(p));
  const files = new Map<string, string>();
  for (const file of candidates) {
    const text = await readFile(path.join(root, file), 'utf8').catch(() => undefined);
    if (text !== undefined) files.set(file, text);
  }
  return files;
}

/** The bundles of the named actions: `action.yml` and `dist/index.js` of each, from `actionsRoot`. */
export async function readActionBundles(actionsRoot: string, names: readonly string[]): Promise<ActionBundles> {
  const bundles = new Map<string, { actionYml: string; index: string }>();
  for (const name of [...new Set(names)].sort()) {
    const dir = path.join(actionsRoot, name);
    const [actionYml, index] = await Promise.all([readFile(path.join(dir, 'action.yml'), 'utf8'), readFile(path.join(dir, 'dist', 'index.js'), 'utf8')]);
    bundles.set(name, { actionYml, index });
  }
  return bundles;
}
