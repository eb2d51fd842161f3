import path from 'node:path';
import { code, type Finding } from '../diagnostic.js';
import type { RepositorySnapshot } from '../model/repository-snapshot.js';
import type { LoadedConfig } from './load-config.js';

/** The folders of documents whose absence would otherwise read as a program without any. */
const DOCUMENT_FOLDERS = { policies: 'policies', controls: 'controls' } as const;

/** What of a snapshot tells whether a folder exists: the documents read, every file listed and the files refused. */
export type FolderEvidence = Pick<RepositorySnapshot, 'policies' | 'controls' | 'files' | 'readFindings'>;

/**
 * `paths.policies` or `paths.controls` set in evident.yaml to a folder that does not exist (a typo, a
 * folder renamed without its setting): one `config` finding at that setting, and the configuration is
 * not used, as for a folder that leaves the repository. Without it every criterion would be reported
 * uncovered and every reference to a control or policy unknown, hiding the one cause. A folder holding
 * any file, or one Evident could not read (already a finding), exists; a default path (not set) is
 * left to the `folder/missing` rule, a warning: a program may be mid-setup. Pure.
 */
export function requireConfiguredFolders(loaded: LoadedConfig, snapshot: FolderEvidence, configFile: string): LoadedConfig {
  const { config } = loaded;
  if (!config) return loaded;
  const findings: Finding[] = [];
  for (const key of Object.keys(DOCUMENT_FOLDERS) as (keyof typeof DOCUMENT_FOLDERS)[]) {
    if (!loaded.pathsSet?.includes(key)) continue;
    const value = config.paths[key];
    const folder = path.posix.normalize(value).replace(/\/+$/, '');
    if (folder === '.' || folder === '' || snapshot[key].length > 0) continue;
    const under = (file: string) => file.startsWith(`${folder}/`);
    if (snapshot.files.some(under) || snapshot.readFindings.some((f) => path.posix.normalize(f.file) === folder || under(path.posix.normalize(f.file)))) continue;
    const isFile = snapshot.files.includes(folder);
    findings.push({
      ruleId: 'config',
      message: `Unexpected missing folder ${code(value)} for ${code(`paths.${key}`)}${isFile ? ` (${code(folder)} is a file)` : ''}, expected the folder that holds the ${DOCUMENT_FOLDERS[key]} (\`*.md\`): nothing else is checked until it exists or \`paths.${key}\` names it`,
      file: configFile,
      ...loaded.locate(['paths', key]),
    });
  }
  return findings.length === 0 ? loaded : { ...loaded, config: undefined, findings: [...loaded.findings, ...findings] };
}
