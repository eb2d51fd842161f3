import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createHashingTap } from '../evidence/hashing-tap.js';
import { pipeline } from 'node:stream/promises';
import { Document, type YAMLSeq } from 'yaml';
import { metadataPathOf, type EvidenceMetadata } from './evidence-item.js';
import { unportableNamePart } from './portable-name.js';

/** The evidence item (or its metadata) is already in the repository: evidence is never overwritten. */
export class EvidenceExistsError extends Error {
  override name = 'EvidenceExistsError';
  constructor(readonly file: string) {
    super(`Refusing to overwrite \`${file}\`: evidence is never replaced; add the new version under another name (--name)`);
  }
}

/** Where `evident evidence add` puts a file: `<folder>/<CONTROL>/<PERIOD>/<name>`. */
export function evidenceItemPath(folder: string, control: string, periodLabel: string, name: string): string {
  // Names every operating system can write (evidence/portable-name): no trailing dot or space, no device name Windows reserves.
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9._ -]*[A-Za-z0-9_-])?$/.test(name) || name.endsWith('.evidence.yaml') || unportableNamePart(name) !== undefined) {
    throw new RangeError(`Unexpected file name \`${name}\`, expected letters, digits, dots, dashes, underscores or spaces, ending in a letter, digit, dash or underscore, and not a device name Windows reserves (CON, NUL, COM1...)`);
  }
  return `${folder.replace(/\/+$/, '')}/${control}/${periodLabel}/${name}`;
}

/** The text of a metadata file, keys in schema order, with the schema reference for editors. */
export function renderEvidenceMetadata(metadata: EvidenceMetadata, schemaPath: string): string {
  const ordered: Record<string, unknown> = {};
  for (const key of ['controls', 'covers', 'event', 'collected_at', 'collected_by', 'source', 'description', 'sha256', 'events'] as const) {
    if (metadata[key] !== undefined) ordered[key] = metadata[key];
  }
  const doc = new Document(ordered);
  (doc.get('controls', true) as YAMLSeq).flow = true;
  return `# yaml-language-server: $schema=${schemaPath}\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}`;
}

export interface AddEvidenceOptions {
  root: string;
  /** Absolute path of the file to add. */
  source: string;
  /** Repository path it is copied to (see `evidenceItemPath`). */
  target: string;
  /** Everything but `sha256`, which is computed while copying. */
  metadata: Omit<EvidenceMetadata, 'sha256'>;
}

export interface AddedEvidence {
  path: string;
  metadataPath: string;
  sha256: string;
  bytes: number;
}

/**
 * Copy a file into the evidence folder, hashing it in the same pass (never held in
 * memory), and write its metadata beside it. Refuses to overwrite either file.
 */
export async function addEvidenceItem(options: AddEvidenceOptions): Promise<AddedEvidence> {
  const absolute = path.join(options.root, options.target);
  const metadataPath = metadataPathOf(options.target);
  const metadataAbsolute = path.join(options.root, metadataPath);
  for (const [file, where] of [[options.target, absolute], [metadataPath, metadataAbsolute]] as const) {
    if (await lstat(where).then(() => true, () => false)) throw new EvidenceExistsError(file);
  }
  await mkdir(path.dirname(absolute), { recursive: true });
  const tap = createHashingTap();
  try {
    await pipeline(createReadStream(options.source), tap.stream, createWriteStream(absolute, { flags: 'wx' }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new EvidenceExistsError(options.target);
    await rm(absolute, { force: true });
    throw error;
  }
  const { sha256, bytes } = tap.result();
  const depth = options.target.split('/').length - 1;
  const schema = `${'../'.repeat(depth)}schemas/evidence-item.schema.json`;
  try {
    await writeFile(metadataAbsolute, renderEvidenceMetadata({ ...options.metadata, sha256 }, schema), { flag: 'wx' });
  } catch (error) {
    await rm(absolute, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new EvidenceExistsError(metadataPath);
    throw error;
  }
  return { path: options.target, metadataPath, sha256, bytes };
}
