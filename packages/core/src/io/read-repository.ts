import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE, defaultPaths, DEFAULT_MAX_FILE_BYTES } from '../config/config.js';
import { loadConfig } from '../config/load-config.js';
import { createValidators, type Validators } from '../validate/create-validators.js';
import type { Finding } from '../diagnostic.js';
import type { RepositorySnapshot } from '../model/repository-snapshot.js';
import type { SourceFile } from '../source-file.js';
import { listFiles } from './list-files.js';
import { readTextFile } from './read-text-file.js';

/** The repository has no evident.yaml: an environment fault, not a finding. */
export class ConfigNotFoundError extends Error {
  override name = 'ConfigNotFoundError';
  constructor(readonly root: string) {
    super(`No ${CONFIG_FILE} in ${root}: run \`evident init\` or pass --root to the repository that holds it`);
  }
}

/**
 * Read every file Evident checks, once. evident.yaml is read first: its `paths`
 * and `limits` decide where to look (the defaults apply while it is invalid).
 */
export async function readRepository(root: string, validators: Validators = createValidators()): Promise<RepositorySnapshot> {
  const configText = await readFile(path.join(root, CONFIG_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new ConfigNotFoundError(root);
    throw error;
  });
  const { config } = loadConfig({ path: CONFIG_FILE, text: configText }, validators);
  const paths = config?.paths ?? defaultPaths;
  const maxBytes = config?.limits.max_file_bytes ?? DEFAULT_MAX_FILE_BYTES;
  const readFindings: Finding[] = [];
  const readMany = async (files: string[]): Promise<SourceFile[]> => {
    const results = await Promise.all(files.map((file) => readTextFile(root, file, maxBytes)));
    const sources: SourceFile[] = [];
    for (const result of results) {
      if (result.file) sources.push(result.file);
      else readFindings.push(result.finding);
    }
    return sources;
  };
  const readOptional = async (file: string): Promise<SourceFile | undefined> => {
    const exists = await lstat(path.join(root, file)).then(() => true, () => false);
    return exists ? (await readMany([file]))[0] : undefined;
  };

  const [files, policies, controls, evidence, exceptions, people, catalog, licensedText] = await Promise.all([
    listFiles(root, '.'),
    listFiles(root, paths.policies, (f) => f.endsWith('.md') && !/\/README\.md$/i.test(f)).then(readMany),
    listFiles(root, paths.controls, (f) => f.endsWith('.md') && !/\/README\.md$/i.test(f)).then(readMany),
    listFiles(root, paths.evidence, (f) => f.endsWith('.evidence.yaml')).then(readMany),
    listFiles(root, paths.exceptions, (f) => f.endsWith('.yaml')).then(readMany),
    readOptional(paths.people),
    readOptional(`${paths.frameworks}/soc2/criteria.yaml`),
    readOptional(`${paths.frameworks}/soc2/criteria-text.local.yaml`),
  ]);
  return {
    config: { path: CONFIG_FILE, text: configText },
    people,
    catalog,
    licensedText,
    policies,
    controls,
    evidence,
    exceptions,
    files,
    readFindings,
  };
}
