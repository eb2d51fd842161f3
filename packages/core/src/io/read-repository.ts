import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE, defaultPaths, DEFAULT_MAX_FILE_BYTES } from '../config/config.js';
import { loadConfig } from '../config/load-config.js';
import { createValidators, type Validators } from '../validate/create-validators.js';
import type { Finding } from '../diagnostic.js';
import type { RepositorySnapshot } from '../model/repository-snapshot.js';
import type { SourceFile } from '../source-file.js';
import { hashEvidenceFiles, type LfsTracked } from '../evidence-items/hash-evidence-files.js';
import { METADATA_SUFFIX, type EvidenceFileDigest } from '../evidence-items/evidence-item.js';
import { evidenceListing } from './evidence-listing.js';
import { linkedFolderFault } from './linked-folder-fault.js';
import { listEntries } from './list-entries.js';
import { listFiles } from './list-files.js';
import { walkedPath } from './walked-path.js';
import { mapConcurrently } from './map-concurrently.js';
import { parseInParallel } from './parse-in-parallel.js';
import { parseDocumentPlain, type DocumentKind, type PlainParseResult } from '../parse/parse-document.js';
import { createMarkdownParser } from '../parse/markdown-outline.js';
import { readTextFile } from './read-text-file.js';
import { fileFault } from './file-fault.js';
import { readEvidenceSource, type EvidenceSource } from './evidence-source.js';
import { gitattributesLfsTracked } from './gitattributes-lfs-tracked.js';

/** The code owners file GitHub reads; scanned for the starter's example owners. */
export const CODEOWNERS_FILE = '.github/CODEOWNERS';

/** How many files are read at once. */
const OPEN_FILES = 64;

/** The repository has no evident.yaml: an environment fault, not a finding. */
export class ConfigNotFoundError extends Error {
  override name = 'ConfigNotFoundError';
  constructor(readonly root: string) {
    super(`No ${CONFIG_FILE} in ${root}: run \`evident init\` or pass --root to the repository that holds it`);
  }
}

/**
 * evident.yaml cannot be read safely (a symbolic link leaving the repository, a
 * directory, binary or non-UTF-8 content, over the default size limit): an
 * environment fault, since nothing else can be checked without it.
 */
export class ConfigUnreadableError extends Error {
  override name = 'ConfigUnreadableError';
  constructor(readonly finding: Finding) {
    super(`${finding.file}: ${finding.message}`);
  }
}

/** evident.yaml's text, read with the same refusals as every other file (never through a link that leaves the repository). */
async function readConfigText(root: string): Promise<string> {
  const exists = await lstat(path.join(root, CONFIG_FILE)).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return false;
      throw new ConfigUnreadableError(fileFault(error, CONFIG_FILE));
    },
  );
  if (!exists) throw new ConfigNotFoundError(root);
  const result = await readTextFile(root, CONFIG_FILE, DEFAULT_MAX_FILE_BYTES);
  if (result.finding) throw new ConfigUnreadableError(result.finding);
  return result.file.text;
}

export interface ReadOptions {
  validators?: Validators;
  /**
   * Parse documents on worker threads when there are at least `minDocuments`
   * policies and controls (below that, threads cost more than they save).
   * `worker` is the compiled parse-worker module.
   */
  parallel?: { threads: number; worker: URL; minDocuments: number };
  /**
   * Which evidence files to hash. Default: all. The pull-request gate passes `{ only }`, the
   * evidence files the change adds or modifies: the others were checked when they were added and
   * are checked again by the release build, so a gate's cost follows the change, not the program's age.
   */
  evidenceHashing?: { only: ReadonlySet<string> };
  /**
   * Read the evidence folder (given as evident.yaml's `paths.evidence`) from this source instead of
   * the working tree: the gate reads it from the commit it checks, so its checkout can leave it out.
   */
  evidenceSource?: (folder: string) => Promise<EvidenceSource>;
  /**
   * Which evidence files Git LFS tracks, asked about the files whose bytes look like pointers: only
   * there does a pointer stand for the content it names, elsewhere its own bytes are hashed. Default:
   * the `.gitattributes` at `root` (an evidence source may answer for itself, from where it reads).
   */
  lfsTracked?: LfsTracked;
}

/**
 * Read every file Evident checks, once. evident.yaml is read first: its `paths`
 * and `limits` decide where to look (the defaults apply while it is invalid).
 */
export async function readRepository(root: string, options: ReadOptions = {}): Promise<RepositorySnapshot> {
  const validators = options.validators ?? createValidators();
  const configText = await readConfigText(root);
  const { config } = loadConfig({ path: CONFIG_FILE, text: configText }, validators);
  const paths = config?.paths ?? defaultPaths;
  const maxBytes = config?.limits.max_file_bytes ?? DEFAULT_MAX_FILE_BYTES;
  const readFindings: Finding[] = [];
  /** `irregular`: the files a listing saw as links or special files (the others it saw as regular files). */
  const readMany = async (files: string[], irregular?: (file: string) => boolean): Promise<SourceFile[]> => {
    // A bounded number of files open at once: tens of thousands of evidence files must not exhaust file descriptors.
    const results = await mapConcurrently(files, OPEN_FILES, (file) => readTextFile(root, file, maxBytes, irregular && !irregular(file) ? { listedRegular: true } : {}));
    const sources: SourceFile[] = [];
    for (const result of results) {
      if (result.file) sources.push(result.file);
      else readFindings.push(result.finding);
    }
    return sources;
  };
  const readOptional = async (file: string): Promise<SourceFile | undefined> => {
    const exists = await lstat(path.join(root, file)).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT' && error.code !== 'ENOTDIR') readFindings.push(fileFault(error, file));
        return false;
      },
    );
    return exists ? (await readMany([file]))[0] : undefined;
  };
  // Folders that cannot be listed and linked folders, each reported once although several listings meet them.
  const listingFaults: Finding[] = [];
  const list = (dir: string, filter?: (file: string) => boolean) => listFiles(root, dir, filter, { faults: listingFaults });

  const only = options.evidenceHashing?.only;
  const lfsTracked = options.lfsTracked ?? gitattributesLfsTracked(root);
  const sourced = options.evidenceSource?.(paths.evidence).then(async (source) => ({ source, read: await readEvidenceSource(source, only, maxBytes, lfsTracked) }));
  const policiesRead = list(paths.policies, (f) => f.endsWith('.md') && !/\/README\.md$/i.test(f)).then(readMany);
  const controlsRead = list(paths.controls, (f) => f.endsWith('.md') && !/\/README\.md$/i.test(f)).then(readMany);
  const preparsed = new Map<string, PlainParseResult>();
  const parallel = options.parallel;
  const onThreads = (documents: number) => parallel !== undefined && parallel.threads > 0 && documents >= Math.max(1, parallel.minDocuments);
  // While the evidence folder is read from another source (git, in the gate), the documents are parsed
  // here in the meantime, a document at a time so that the source's output keeps flowing. Same parse, earlier.
  const parsedEarly = sourced
    ? Promise.all([policiesRead, controlsRead]).then(([p, c]) => (onThreads(p.length + c.length) ? undefined : parseWhileWaiting([...p.map((f) => ({ ...f, kind: 'policy' as const })), ...c.map((f) => ({ ...f, kind: 'control' as const }))], preparsed)))
    : undefined;
  // One walk of the repository lists the evidence folder too: its metadata and evidence files are taken
  // from it (tens of thousands of files, each folder listed once), unless the walk does not enter the
  // folder as a walk from it would (a linked, missing or skipped folder): then it is walked on its own.
  const evidenceFolder = sourced ? undefined : walkedPath(paths.evidence);
  const walked = listEntries(root, '.', evidenceFolder === undefined ? {} : { watch: evidenceFolder, faults: listingFaults });
  const readLocalEvidence = async (): Promise<[SourceFile[], Map<string, EvidenceFileDigest>]> => {
    const listing = evidenceFolder === undefined ? undefined : await walked;
    const hashing = { ...(only ? { only } : {}), lfsTracked };
    if (evidenceFolder === undefined || !listing?.reached) {
      return Promise.all([list(paths.evidence, (f) => f.endsWith(METADATA_SUFFIX)).then(readMany), hashEvidenceFiles(root, paths.evidence, listingFaults, hashing)]);
    }
    const { metadata, others, links } = evidenceListing(listing, evidenceFolder);
    for (const fault of await Promise.all(links.map((link) => linkedFolderFault(root, link)))) if (fault) listingFaults.push(fault);
    const irregular = (file: string) => listing.links.has(file) || listing.special.has(file);
    return Promise.all([readMany(metadata, irregular), hashEvidenceFiles(root, paths.evidence, listingFaults, { ...hashing, listed: { files: others, irregular } })]);
  };
  const evidenceRead = sourced ? sourced.then((s) => [s.read.metadata, s.read.digests] as const) : readLocalEvidence();
  const [listed, policies, controls, evidence, exceptions, people, catalog, licensedText, evidenceFiles, codeowners] = await Promise.all([
    walked.then((listing) => listing.files),
    policiesRead,
    controlsRead,
    evidenceRead.then(([metadata]) => metadata),
    list(paths.exceptions, (f) => f.endsWith('.yaml')).then(readMany),
    readOptional(paths.people),
    readOptional(`${paths.frameworks}/soc2/criteria.yaml`),
    readOptional(`${paths.frameworks}/soc2/criteria-text.local.yaml`),
    evidenceRead.then(([, digests]) => digests),
    readOptional(CODEOWNERS_FILE),
  ]);
  await parsedEarly;
  const fromSource = sourced && (await sourced);
  if (fromSource) readFindings.push(...fromSource.read.findings);
  const files = fromSource ? mergeSorted(listed, [...fromSource.source.files, ...(fromSource.source.links ?? [])]) : listed;
  const seen = new Set(readFindings.map((f) => `${f.file}\0${f.message}`));
  for (const fault of listingFaults) {
    const key = `${fault.file}\0${fault.message}`;
    if (!seen.has(key)) readFindings.push(fault);
    seen.add(key);
  }
  if (parallel && onThreads(policies.length + controls.length)) {
    const jobs = [...policies.map((f) => ({ ...f, kind: 'policy' as const })), ...controls.map((f) => ({ ...f, kind: 'control' as const }))];
    const results = await parseInParallel(jobs, parallel.threads, parallel.worker);
    jobs.forEach((job, i) => preparsed.set(job.path, results[i]!));
  }
  return {
    config: { path: CONFIG_FILE, text: configText },
    preparsed,
    people,
    catalog,
    licensedText,
    policies,
    controls,
    evidence,
    exceptions,
    evidenceFiles,
    ...(codeowners ? { codeowners } : {}),
    files,
    readFindings,
  };
}

/** Parse documents on this thread, yielding to pending I/O between them; the results go to `into`. */
async function parseWhileWaiting(jobs: readonly (SourceFile & { kind: DocumentKind })[], into: Map<string, PlainParseResult>): Promise<void> {
  const parser = createMarkdownParser();
  for (const job of jobs) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    into.set(job.path, parseDocumentPlain({ path: job.path, text: job.text }, job.kind, parser));
  }
}

/** The working tree's files and the evidence source's, once each, sorted as `listFiles` sorts. */
function mergeSorted(listed: readonly string[], more: readonly string[]): string[] {
  // Each list comes in order: sorting them together merges their runs, and a path in both ends up twice, side by side.
  const all = [...listed, ...more].sort();
  return all.filter((file, i) => i === 0 || file !== all[i - 1]);
}
