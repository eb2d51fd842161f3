import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { METADATA_SUFFIX, parseYaml, stripBom } from '@evident/core';
import type { FileDigest } from '../plan/bundle-plan.js';
import { MANIFEST, SUMS } from '../plan/manifest.js';
import { crc32 } from '../write/crc32.js';
import { BLOCK, BlockReader } from './block-reader.js';
import { BundleOpenError, type BundleProblem } from './bundle-problem.js';
import { entryProblem } from './entry-problem.js';
import type { VerifyLimits } from './verify-limits.js';

export const RECORDS = 'evidence-records/records/';
/** The configuration the bundle carries: its `evidence.signing` keys verify the records' signatures. */
export const CONFIG = 'evident.yaml';
/** The table of exceptions, whose rows manifest.json counts. */
export const EXCEPTIONS_CSV = 'exceptions.csv';
/** Every evidence file with the SHA-256 it had and the one its metadata declared when the bundle was built. */
export const EVIDENCE_INDEX = 'evidence-index.csv';
/** The folder of evidence files, each beside its `.evidence.yaml`. */
export const EVIDENCE = 'evidence/';

/** How far `verifyBundle` is: entries read of those in the zip's directory, and where it is in the zip. */
export interface VerifyProgress {
  entries: number;
  totalEntries: number;
  bytes: number;
  totalBytes: number;
}

export interface ZipContents {
  /** SHA-256 and size of every entry read in full. */
  digests: Map<string, FileDigest>;
  /** The bytes of manifest.json, SHA256SUMS, evident.yaml, exceptions.csv, evidence-index.csv and the evidence records, within their limits. */
  kept: Map<string, Buffer>;
  /**
   * Evidence file (bundle path) to the `sha256` its `.evidence.yaml` declares (null when it declares none
   * or does not parse): read as each metadata file streams by, so that only the digests stay in memory.
   */
  declared: Map<string, string | null>;
  problems: BundleProblem[];
  /** Entries refused or unreadable: each has a problem of its own and is not reported again as missing or extra. */
  refused: Set<string>;
  /** False when the evidence records went past `maxRecordsBytes` and some were not kept. */
  recordsComplete: boolean;
  /** Entries in the zip's directory. */
  entries: number;
}

/** What reading an entry's data gave: its digest (and bytes when kept), or why not. */
type Digested = { sha256: string; size: number; crc: number; bytes?: Buffer } | { overrun: true } | { failure: string };
/** The data went past the size its header states. */
const OVERRUN = { overrun: true } as const;
const OVERRUN_ERROR = new Error('past the stated size');
const n = (value: number) => value.toLocaleString('en-US');
const isMetadata = (name: string) => name.startsWith(EVIDENCE) && name.endsWith(METADATA_SUFFIX);
const capOf = (name: string, limits: VerifyLimits) =>
  name === MANIFEST || name === EXCEPTIONS_CSV || name === EVIDENCE_INDEX || isMetadata(name) ? limits.maxManifestBytes : name === SUMS ? limits.maxSumsBytes : name === CONFIG ? limits.maxRecordBytes : name.startsWith(RECORDS) && name.endsWith('.json') ? limits.maxRecordBytes : undefined;

/**
 * Read a zip as hostile input: every entry streamed once through SHA-256 (deflate on the fly, never held
 * whole), the few files verify parses kept within their limits, and every entry that is not a plain file
 * inside the bundle, overlaps another, or states sizes its data contradicts refused with a finding before
 * more of it is read. Memory stays within the limits and the work within `maxExpansionRatio` times the zip.
 */
export async function readBundleZip(file: string, limits: VerifyLimits, onProgress?: (p: VerifyProgress) => void): Promise<ZipContents> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new BundleOpenError(openFailure(file, error));
  });
  const stat = await handle.stat();
  if (!stat.isFile()) {
    await handle.close();
    throw new BundleOpenError(`Unexpected ${stat.isDirectory() ? 'directory' : 'special file'} at \`${file}\`, expected the bundle's .zip file`);
  }
  const options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: false };
  const whole = new BlockReader(handle.fd, stat.size);
  // Bytes after the end record: yauzl refuses the zip; read it without them, and report them as a finding.
  const end = await endOfZip(whole);
  const reader = end !== undefined && end < stat.size ? new BlockReader(handle.fd, end) : whole;
  const zip = await yauzl.fromRandomAccessReaderPromise(reader, reader.size, options).catch(async (error: Error) => {
    await handle.close();
    throw new BundleOpenError(`Cannot read ${file} as a zip: ${error.message}`);
  });
  const out: ZipContents = { digests: new Map(), kept: new Map(), declared: new Map(), problems: [], refused: new Set(), recordsComplete: true, entries: zip.entryCount };
  if (reader !== whole) out.problems.push({ file: '(zip)', problem: 'unsafe', message: `Unexpected ${n(stat.size - reader.size)} bytes after the zip's end record, expected none: the zip was changed after it was written` });
  const directories: string[] = [];
  const state: ReadState = { reader, limits, out, nextFree: 0, recordsBytes: 0, spans: [] };
  let read = 0;
  try {
    if (zip.entryCount > limits.maxEntries) {
      out.problems.push({ file: '(zip)', problem: 'limit', message: `Unexpected ${n(zip.entryCount)} entries in the zip, expected at most ${n(limits.maxEntries)}` });
      return out;
    }
    for await (const entry of zip.eachEntry()) {
      read += 1;
      const raw = entry.fileNameRaw;
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, true);
      const refusal = entryProblem({ ...entry, name, nameBytes: raw.length }, limits);
      // Empty directory entries (a bundle re-zipped with zip -r, Finder or Explorer) are counted, then named once below.
      const grouped = refusal?.directory === true && entry.compressedSize === 0 && entry.uncompressedSize === 0;
      if (grouped) directories.push(name);
      const twice = !refusal && (out.digests.has(name) || out.refused.has(name));
      const outcome = refusal
        ? { file: raw.length > limits.maxPathBytes ? `${name.slice(0, 120)}…` : name, ...refusal }
        : twice
          ? { file: name, problem: 'extra' as const, message: `${name} appears twice in the zip` }
          : await readEntry(entry, name, state);
      // An entry refused before its data was read still accounts for the bytes its local header and data take.
      if (refusal || twice) await noteSpan(entry, name, state);
      if ('sha256' in outcome) out.digests.set(name, outcome);
      else {
        if (!grouped) out.problems.push(outcome);
        if (outcome.problem !== 'extra') out.refused.add(outcome.file);
      }
      const bytes = read === zip.entryCount ? reader.size : Math.min(state.nextFree, reader.size);
      onProgress?.({ entries: read, totalEntries: zip.entryCount, bytes, totalBytes: reader.size });
    }
    if (directories.length > 0) out.problems.push(directoryEntries(directories));
    out.problems.push(...(await unaccountedBytes(reader, state.spans, zip.comment.length)));
  } catch (error) {
    out.problems.push({ file: '(zip)', problem: 'unreadable', message: `The zip's directory is damaged after ${n(read)} of ${n(zip.entryCount)} entries: ${(error as Error).message}` });
  } finally {
    zip.close();
    await handle.close();
  }
  return out;
}

interface ReadState {
  reader: BlockReader;
  limits: VerifyLimits;
  out: ZipContents;
  /** Where the data of the last entry read ends: the next entry's header may not start before. */
  nextFree: number;
  /** Bytes of evidence records kept so far. */
  recordsBytes: number;
  /** Where each entry's local header, data and data descriptor lie, to find bytes no entry accounts for. */
  spans: Span[];
}

interface Span {
  name: string;
  start: number;
  end: number;
}

/**
 * One entry whose name and kind passed: its digest (its bytes kept in `out.kept` when verify parses
 * it), or the problem that refuses it: an overlap, a local header that disagrees, a size past its
 * limit or data that contradicts its header.
 */
async function readEntry(entry: yauzl.Entry, name: string, state: ReadState): Promise<BundleProblem | FileDigest> {
  const { reader, limits, out } = state;
  const start = entry.relativeOffsetOfLocalHeader;
  const local = await localHeader(reader, start, entry.compressedSize);
  if ('failure' in local) return { file: name, problem: 'unreadable', message: `${name} cannot be read: ${local.failure}` };
  if (start < state.nextFree) return { file: name, problem: 'unsafe', message: `Unexpected entry \`${name}\` overlapping the data of the entry before it, expected entries one after another` };
  if (!local.fileName.equals(entry.fileNameRaw)) {
    return { file: name, problem: 'unsafe', message: `Unexpected name \`${local.fileName.toString('utf8')}\` in the local header of \`${name}\`, expected the same name as in the zip's directory` };
  }
  const mismatch = await localMismatch(reader, local, entry);
  state.spans.push({ name, start, end: 'end' in mismatch ? mismatch.end : local.fileDataStart + entry.compressedSize });
  if ('failure' in mismatch) return { file: name, problem: 'unsafe', message: `Unexpected ${mismatch.failure} in the local header of \`${name}\`, expected the same as in the zip's directory: an extractor that reads the zip front to back would use it` };
  state.nextFree = mismatch.end;
  let cap = capOf(name, limits);
  const record = name.startsWith(RECORDS);
  if (cap !== undefined && record && (!out.recordsComplete || state.recordsBytes + entry.uncompressedSize > limits.maxRecordsBytes)) {
    // Past the limit on all records: this one and the rest are hashed, not kept, and the chain goes unchecked.
    if (out.recordsComplete) out.problems.push({ file: 'evidence-records/', problem: 'limit', message: `Unexpected evidence records of more than ${n(limits.maxRecordsBytes)} bytes in all, expected at most that` });
    out.recordsComplete = false;
    cap = undefined;
  }
  if (cap !== undefined && entry.uncompressedSize > cap) return { file: name, problem: 'limit', message: `Unexpected size of \`${name}\`: ${n(entry.uncompressedSize)} bytes, expected at most ${n(cap)}` };
  if (cap !== undefined && record) state.recordsBytes += entry.uncompressedSize;
  const result = await digest(reader, local.fileDataStart, entry, cap !== undefined);
  if ('overrun' in result) {
    return { file: name, problem: 'unsafe', message: `Unexpected content of \`${name}\`: it inflates past the ${n(entry.uncompressedSize)} bytes its header states, expected exactly that size` };
  }
  if ('failure' in result) return { file: name, problem: 'unreadable', message: `${name} cannot be decompressed: ${result.failure}` };
  if (result.size !== entry.uncompressedSize) return { file: name, problem: 'unsafe', message: `Unexpected size of \`${name}\`: ${n(result.size)} bytes inflated, expected the ${n(entry.uncompressedSize)} its header states` };
  if (result.crc !== entry.crc32) {
    return { file: name, problem: 'unreadable', message: `${name} fails its CRC-32 check: its content gives ${hex(result.crc)}, the zip's directory states ${hex(entry.crc32)} (extractors refuse it)` };
  }
  if (result.bytes && isMetadata(name)) out.declared.set(name.slice(0, -METADATA_SUFFIX.length), declaredSha256(name, result.bytes));
  else if (result.bytes) out.kept.set(name, result.bytes);
  return { sha256: result.sha256, size: result.size };
}

/** The `sha256` an evidence file's metadata declares, or null when it declares none (or is not YAML). */
function declaredSha256(name: string, bytes: Buffer): string | null {
  const parsed = parseYaml(stripBom(bytes.toString('utf8')), name);
  const value = parsed.ok && parsed.data !== null && typeof parsed.data === 'object' ? (parsed.data as { sha256?: unknown }).sha256 : undefined;
  return typeof value === 'string' ? value.toLowerCase() : null;
}

/** Why the bundle's file cannot be opened, in words rather than the system's error code. */
function openFailure(file: string, error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') return `No file at \`${file}\`, expected the bundle's .zip file`;
  if (error.code === 'EACCES' || error.code === 'EPERM') return `Cannot read \`${file}\`: permission denied`;
  if (error.code === 'EISDIR') return `Unexpected directory at \`${file}\`, expected the bundle's .zip file`;
  return `Cannot read \`${file}\` as a zip: ${error.code ?? error.message}`;
}

/** Empty directory entries, named once: the bundle holds none, so the zip was written by another tool. */
function directoryEntries(names: readonly string[]): BundleProblem {
  const shown = names.slice(0, 3).map((d) => `\`${d}\``).join(', ');
  const more = names.length > 3 ? ` and ${n(names.length - 3)} more` : '';
  return {
    file: '(zip)',
    problem: 'unsafe',
    message: `Unexpected ${n(names.length)} director${names.length === 1 ? 'y entry' : 'y entries'} (${shown}${more}), which the bundle does not contain, expected only files: re-zipped by another tool? Verify the zip as it was delivered`,
  };
}

/**
 * Where the zip ends: just after its end-of-central-directory record and the comment it states, found as
 * yauzl finds it (the last signature within the largest comment's reach); undefined without one.
 */
async function endOfZip(reader: BlockReader): Promise<number | undefined> {
  const reach = Math.min(reader.size, 20 + 22 + 0xffff);
  const tail = await reader.bytes(reader.size - reach, reach);
  for (let i = tail.length - 22; i >= 0; i -= 1) {
    if (tail.readUInt32LE(i) !== 0x06054b50) continue;
    const end = reader.size - reach + i + 22 + tail.readUInt16LE(i + 20);
    return end <= reader.size ? end : undefined;
  }
  return undefined;
}

const hex = (crc: number) => `0x${(crc >>> 0).toString(16).padStart(8, '0')}`;
/** A local header's size field saying "see the zip64 extra field". */
const ZIP64 = 0xffffffff;
/** General purpose flag: the CRC and sizes follow the data, in a data descriptor. */
const DESCRIPTOR = 0x8;

interface LocalHeader {
  fileDataStart: number;
  fileName: Buffer;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
}

/** The local header at `start`: where the entry's data starts, the name it gives, and its flags, method, CRC and sizes. */
async function localHeader(reader: BlockReader, start: number, compressedSize: number): Promise<LocalHeader | { failure: string }> {
  const head = await reader.bytes(start, 30);
  if (head.length < 30 || head.readUInt32LE(0) !== 0x04034b50) return { failure: 'no local file header where the directory says' };
  const fileName = await reader.bytes(start + 30, head.readUInt16LE(26));
  const fileDataStart = start + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
  if (fileDataStart + compressedSize > reader.size) return { failure: 'its data runs past the end of the zip' };
  return { fileDataStart, fileName, flags: head.readUInt16LE(6), method: head.readUInt16LE(8), crc: head.readUInt32LE(14), compressedSize: head.readUInt32LE(18), size: head.readUInt32LE(22) };
}

/**
 * Where the entry ends (after its data descriptor, when it has one), or what its local header or data
 * descriptor states differently from the zip's directory: the compression method, the CRC-32 or a size.
 * Evident's writer gives the CRC and sizes in the local header, or in a signed data descriptor (with
 * 64-bit sizes when the local header points to a zip64 extra field) right after the data.
 */
async function localMismatch(reader: BlockReader, local: LocalHeader, entry: yauzl.Entry): Promise<{ end: number } | { failure: string }> {
  if (local.method !== entry.compressionMethod) return { failure: `compression method ${local.method}` };
  const dataEnd = local.fileDataStart + entry.compressedSize;
  const stated = (crc: number, compressed: number, size: number) =>
    crc !== entry.crc32 ? `CRC-32 ${hex(crc)}` : compressed !== entry.compressedSize || size !== entry.uncompressedSize ? `sizes (${n(compressed)} bytes of data for ${n(size)})` : undefined;
  if ((local.flags & DESCRIPTOR) === 0) {
    if (local.compressedSize === ZIP64 && local.size === ZIP64) return local.crc === entry.crc32 ? { end: dataEnd } : { failure: `CRC-32 ${hex(local.crc)}` };
    const differs = stated(local.crc, local.compressedSize, local.size);
    return differs ? { failure: differs } : { end: dataEnd };
  }
  const wide = local.compressedSize === ZIP64;
  const descriptor = await reader.bytes(dataEnd, wide ? 24 : 16);
  if (descriptor.length < (wide ? 24 : 16) || descriptor.readUInt32LE(0) !== 0x08074b50) return { failure: 'data descriptor (none after the data)' };
  const differs = wide
    ? stated(descriptor.readUInt32LE(4), Number(descriptor.readBigUInt64LE(8)), Number(descriptor.readBigUInt64LE(16)))
    : stated(descriptor.readUInt32LE(4), descriptor.readUInt32LE(8), descriptor.readUInt32LE(12));
  return differs ? { failure: `${differs} in the data descriptor` } : { end: dataEnd + descriptor.length };
}

/** Record where a refused entry's local header, data and descriptor lie, when its local header can be read. */
async function noteSpan(entry: yauzl.Entry, name: string, state: ReadState): Promise<void> {
  const start = entry.relativeOffsetOfLocalHeader;
  const local = await localHeader(state.reader, start, entry.compressedSize);
  if ('failure' in local) return;
  const ends = await localMismatch(state.reader, local, entry);
  state.spans.push({ name, start, end: 'end' in ends ? ends.end : local.fileDataStart + entry.compressedSize });
}

/**
 * Bytes of the zip that neither an entry of its directory (local header, data, data descriptor), the
 * directory itself nor the end records account for: a front-to-back extractor would read an entry
 * hidden there, which verify never sees. Evident's writer leaves none, and writes no comment.
 */
async function unaccountedBytes(reader: BlockReader, spans: Span[], commentLength: number): Promise<BundleProblem[]> {
  const problems: BundleProblem[] = [];
  const gap = (at: number, length: number, where: string) =>
    problems.push({ file: '(zip)', problem: 'unsafe', message: `Unexpected ${n(length)} bytes at offset ${n(at)} ${where} that no entry in the zip's directory accounts for, expected none: an extractor that reads the zip front to back could take them for a file` });
  const eocd = reader.size - 22 - commentLength;
  if (commentLength > 0) problems.push({ file: '(zip)', problem: 'unsafe', message: `Unexpected comment of ${n(commentLength)} bytes at the end of the zip, expected none` });
  const end = await reader.bytes(eocd, 22);
  if (end.length < 22 || end.readUInt32LE(0) !== 0x06054b50) return problems;
  let directoryStart = end.readUInt32LE(16);
  let directorySize = end.readUInt32LE(12);
  let directoryEnd = eocd;
  if (end.readUInt16LE(10) === 0xffff || directoryStart === ZIP64 || directorySize === ZIP64) {
    const locator = await reader.bytes(eocd - 20, 20);
    if (locator.length < 20 || locator.readUInt32LE(0) !== 0x07064b50) return problems;
    const at = Number(locator.readBigUInt64LE(8));
    const record = await reader.bytes(at, 56);
    if (record.length < 56 || record.readUInt32LE(0) !== 0x06064b50) return problems;
    if (at + 12 + Number(record.readBigUInt64LE(4)) !== eocd - 20) gap(at, eocd - 20 - at, 'in the zip64 end records');
    directoryStart = Number(record.readBigUInt64LE(48));
    directorySize = Number(record.readBigUInt64LE(40));
    directoryEnd = at;
  }
  let covered = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start > covered) gap(covered, span.start - covered, `before \`${span.name}\``);
    covered = Math.max(covered, span.end);
  }
  if (directoryStart > covered) gap(covered, directoryStart - covered, "before the zip's directory");
  if (directoryStart + directorySize < directoryEnd) gap(directoryStart + directorySize, directoryEnd - directoryStart - directorySize, "after the zip's directory");
  return problems;
}

/**
 * An entry's data through SHA-256, inflated when deflated, stopped as soon as it goes past the size its
 * header states. Small entries (both sizes within a block) are read and inflated in one piece, others streamed.
 */
async function digest(reader: BlockReader, at: number, entry: yauzl.Entry, keep: boolean): Promise<Digested> {
  const { compressedSize, uncompressedSize: size } = entry;
  const deflated = entry.compressionMethod === 8;
  if (compressedSize <= BLOCK && size <= BLOCK) {
    const data = await reader.bytes(at, compressedSize);
    let content: Buffer;
    try {
      content = deflated ? zlib.inflateRawSync(data, { maxOutputLength: size + 1 }) : data;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? OVERRUN : { failure: (error as Error).message };
    }
    if (content.length > size) return OVERRUN;
    return { sha256: createHash('sha256').update(content).digest('hex'), size: content.length, crc: crc32(content), ...(keep ? { bytes: content } : {}) };
  }
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let seen = 0;
  let crc = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > size) return callback(OVERRUN_ERROR);
      hash.update(chunk);
      crc = crc32(chunk, crc);
      if (keep) chunks.push(chunk);
      callback();
    },
  });
  const data = reader.createReadStream({ start: at, end: at + compressedSize });
  try {
    await (deflated ? pipeline(data, zlib.createInflateRaw(), sink) : pipeline(data, sink));
  } catch (error) {
    return error === OVERRUN_ERROR ? OVERRUN : { failure: (error as Error).message };
  }
  return { sha256: hash.digest('hex'), size: seen, crc, ...(keep ? { bytes: Buffer.concat(chunks) } : {}) };
}
