import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import type { RecordFile } from '../bundle-inputs.js';
import { verifyRecordFiles } from '../model/verify-record-files.js';
import type { FileDigest, Manifest } from '../plan/bundle-plan.js';
import { MANIFEST, parseSums, SUMS } from '../plan/manifest.js';

export type BundleProblemKind = 'modified' | 'missing' | 'extra' | 'unreadable' | 'manifest' | 'chain';

export interface BundleProblem {
  /** The file at fault, as named inside the bundle. */
  file: string;
  problem: BundleProblemKind;
  message: string;
}

export interface BundleVerification {
  ok: boolean;
  /** Files found in the zip. */
  files: number;
  problems: BundleProblem[];
  manifest?: Omit<Manifest, 'files'>;
  chain: { records: number; head: string | null; problems: number };
}

/** The zip itself cannot be opened: an environment fault, not a finding about its content. */
export class BundleOpenError extends Error {
  override name = 'BundleOpenError';
}

const RECORDS = 'evidence-records/records/';
const kept = (name: string) => name === MANIFEST || name === SUMS || (name.startsWith(RECORDS) && name.endsWith('.json'));

/** Read every entry of a zip as a stream: its SHA-256 and size, and the bytes of the few files verify parses. */
async function readZip(file: string, onEntry?: (name: string) => void): Promise<{ digests: Map<string, FileDigest>; kept: Map<string, Buffer>; problems: BundleProblem[] }> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: true, validateEntrySizes: true }, (error, zipfile) => (error || !zipfile ? reject(new BundleOpenError(`Cannot read ${file} as a zip: ${error?.message ?? 'unknown error'}`)) : resolve(zipfile))),
  );
  const digests = new Map<string, FileDigest>();
  const keptFiles = new Map<string, Buffer>();
  const problems: BundleProblem[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('error', (error: Error) => {
      problems.push({ file: '(zip)', problem: 'unreadable', message: `The zip's directory is damaged: ${error.message}` });
      resolve();
    });
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = entry.fileName;
      if (name.endsWith('/')) return zip.readEntry();
      if (digests.has(name)) {
        problems.push({ file: name, problem: 'extra', message: `${name} appears twice in the zip` });
        return zip.readEntry();
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) {
          problems.push({ file: name, problem: 'unreadable', message: `${name} cannot be read: ${error?.message ?? 'no data'}` });
          return zip.readEntry();
        }
        const hash = createHash('sha256');
        const chunks: Buffer[] = [];
        let size = 0;
        const keep = kept(name);
        const sink = new Writable({
          write(chunk: Buffer, _encoding, callback) {
            hash.update(chunk);
            size += chunk.length;
            if (keep) chunks.push(chunk);
            callback();
          },
        });
        pipeline(stream, sink).then(
          () => {
            digests.set(name, { sha256: hash.digest('hex'), size });
            if (keep) keptFiles.set(name, Buffer.concat(chunks));
            onEntry?.(name);
            zip.readEntry();
          },
          (streamError: Error) => {
            problems.push({ file: name, problem: 'unreadable', message: `${name} cannot be decompressed: ${streamError.message}` });
            zip.readEntry();
          },
        );
      });
    });
    try {
      zip.readEntry();
    } catch (error) {
      reject(error as Error);
    }
  });
  return { digests, kept: keptFiles, problems };
}

/**
 * Verify a bundle: recompute every file's SHA-256 (streaming) and compare with
 * manifest.json and SHA256SUMS, name each file that differs, is missing or extra,
 * and re-check the evidence record chain with core's `verifyChain`.
 */
export async function verifyBundle(file: string, options: { onEntry?(name: string): void } = {}): Promise<BundleVerification> {
  const read = await readZip(file, options.onEntry);
  const problems = [...read.problems];
  const { digests } = read;
  const unreadable = new Set(problems.filter((p) => p.problem === 'unreadable').map((p) => p.file));

  let manifest: Manifest | undefined;
  const manifestBytes = read.kept.get(MANIFEST);
  if (!manifestBytes) {
    if (!unreadable.has(MANIFEST)) problems.push({ file: MANIFEST, problem: 'missing', message: `${MANIFEST} is missing: the bundle's file list is gone` });
  } else {
    try {
      manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
      if (!Array.isArray(manifest.files)) throw new Error('no file list');
    } catch (error) {
      manifest = undefined;
      problems.push({ file: MANIFEST, problem: 'manifest', message: `${MANIFEST} cannot be read: ${(error as Error).message}` });
    }
  }
  const expected = new Map((manifest?.files ?? []).map((f) => [f.path, f]));

  const sumsBytes = read.kept.get(SUMS);
  const { sums, invalid } = sumsBytes ? parseSums(sumsBytes.toString('utf8')) : { sums: new Map<string, string>(), invalid: [] };
  if (!sumsBytes && !unreadable.has(SUMS)) problems.push({ file: SUMS, problem: 'missing', message: `${SUMS} is missing` });
  for (const line of invalid) problems.push({ file: SUMS, problem: 'modified', message: `${SUMS} has a line that does not parse: ${JSON.stringify(line.slice(0, 120))}` });

  const names = new Set<string>([...digests.keys(), ...expected.keys(), ...sums.keys()]);
  for (const name of [...names].sort()) {
    if (name === SUMS || unreadable.has(name)) continue;
    const actual = digests.get(name);
    const inManifest = expected.get(name);
    const inSums = sums.get(name);
    const listed = name === MANIFEST ? inSums !== undefined : (manifest === undefined || inManifest !== undefined) && (sumsBytes === undefined || inSums !== undefined);
    if (!actual) {
      if (inManifest || inSums) problems.push({ file: name, problem: 'missing', message: `${name} is listed in ${[inManifest && MANIFEST, inSums && SUMS].filter(Boolean).join(' and ')} but missing from the bundle` });
      continue;
    }
    if (!listed) {
      problems.push({ file: name, problem: 'extra', message: `${name} is in the bundle but not listed in ${[manifest && !inManifest && name !== MANIFEST && MANIFEST, sumsBytes && !inSums && SUMS].filter(Boolean).join(' and ')}` });
      continue;
    }
    const manifestAgrees = name === MANIFEST || manifest === undefined || (inManifest!.sha256 === actual.sha256 && inManifest!.size === actual.size);
    const sumsAgree = sumsBytes === undefined || inSums === actual.sha256;
    if (!manifestAgrees && !sumsAgree) problems.push({ file: name, problem: 'modified', message: `${name} was modified: its SHA-256 ${actual.sha256} differs from the one in ${name === MANIFEST ? SUMS : `${MANIFEST} and ${SUMS}`}` });
    else if (!manifestAgrees) problems.push({ file: MANIFEST, problem: 'manifest', message: `${MANIFEST} states another SHA-256 or size for ${name} than the file and ${SUMS} agree on` });
    else if (!sumsAgree) problems.push({ file: name === MANIFEST ? MANIFEST : SUMS, problem: 'modified', message: name === MANIFEST ? `${MANIFEST} was modified: its SHA-256 ${actual.sha256} differs from the one in ${SUMS}` : `${SUMS} states another SHA-256 for ${name} than the file and ${MANIFEST} agree on` });
  }

  const records: RecordFile[] = [...read.kept].filter(([name]) => name.startsWith(RECORDS)).map(([name, bytes]) => ({ file: name.slice('evidence-records/'.length), bytes }));
  const chain = verifyRecordFiles(records);
  for (const p of chain.problems) problems.push({ file: `evidence-records/${p.file}`, problem: 'chain', message: p.message });
  if (manifest?.evidence_chain && (manifest.evidence_chain.records !== chain.records || manifest.evidence_chain.head !== chain.head)) {
    problems.push({ file: 'evidence-records/', problem: 'chain', message: `${MANIFEST} states ${manifest.evidence_chain.records} records ending in ${manifest.evidence_chain.head ?? 'none'}, the bundle holds ${chain.records} ending in ${chain.head ?? 'none'}` });
  }

  const unique = new Map(problems.map((p) => [`${p.file}\u0000${p.message}`, p]));
  const sorted = [...unique.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.message < b.message ? -1 : 1));
  const { files: _files, ...header } = manifest ?? ({} as Manifest);
  return { ok: sorted.length === 0, files: digests.size, problems: sorted, ...(manifest ? { manifest: header } : {}), chain: { records: chain.records, head: chain.head, problems: chain.problems.length } };
}
