import crypto from 'node:crypto';
import { open } from 'node:fs/promises';

/**
 * Blobs kept from an earlier run, by object id: the evidence metadata of a commit of the default
 * branch, saved by a job on that branch so that the pull-request gate need not fetch tens of
 * thousands of small objects again. The file is `git cat-file --batch` output
 * (`<oid> blob <size>\n<content>\n` each). Nothing in it is trusted: a blob counts only when its
 * content hashes to its object id as git computes it (SHA-1, or SHA-256 for a 64-digit id), so a
 * cache written by anyone can at worst leave the gate to fetch what it lacks.
 */
export interface MetadataCache {
  /** Content by object id, for the entries whose content has that id. */
  blobs: ReadonlyMap<string, Uint8Array>;
  /** Entries whose content does not have the id they were filed under, or that are not blobs. */
  rejected: number;
  /** Whether the file ended in the middle of an entry or held something other than entries (what came before still counts). */
  truncated: boolean;
}

/** A cache larger than this is not read (the metadata of a program is tens of MiB at most). */
export const METADATA_CACHE_LIMIT = 512 * 1024 * 1024;

/**
 * The cache in `file`, or undefined when there is none (no file, or one over `METADATA_CACHE_LIMIT`,
 * which `tooLarge` reports). Only reading fails otherwise.
 */
export async function readMetadataCache(file: string, tooLarge?: (bytes: number) => void): Promise<MetadataCache | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
  try {
    const { size, isFile } = await handle.stat().then((s) => ({ size: s.size, isFile: s.isFile() }));
    if (!isFile) return undefined;
    if (size > METADATA_CACHE_LIMIT) {
      tooLarge?.(size);
      return undefined;
    }
    return parseMetadataCache(await handle.readFile());
  } finally {
    await handle.close();
  }
}

const NEWLINE = 0x0a;
const SPACE = 0x20;

/**
 * The entries of `git cat-file --batch` output whose content has the object id they are filed under.
 * Pure, but for one thing: each blob's header line is rewritten in place into git's own object header
 * (`blob <size>\0`, the newline made a NUL), so that header and content hash as one run of bytes,
 * tens of thousands of times without a copy. Pass a buffer no one else reads.
 */
export function parseMetadataCache(bytes: Uint8Array): MetadataCache {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blobs = new Map<string, Uint8Array>();
  let rejected = 0;
  let at = 0;
  const length = buffer.length;
  while (at < length) {
    // `<oid> <type> <size>\n`: 40 or 64 hex digits, a lowercase word, up to 10 digits.
    const digits = buffer[at + 40] === SPACE ? 40 : buffer[at + 64] === SPACE ? 64 : 0;
    if (digits === 0 || !isHex(buffer, at, at + digits)) return { blobs, rejected, truncated: true };
    const typeStart = at + digits + 1;
    let typeEnd = typeStart;
    while (typeEnd < length && typeEnd - typeStart < 8 && buffer[typeEnd]! >= 0x61 && buffer[typeEnd]! <= 0x7a) typeEnd += 1;
    // `<oid> missing`: git had no such object when the cache was written; nothing to take.
    if (buffer[typeEnd] === NEWLINE && buffer.toString('latin1', typeStart, typeEnd) === 'missing') {
      at = typeEnd + 1;
      continue;
    }
    if (typeEnd === typeStart || buffer[typeEnd] !== SPACE) return { blobs, rejected, truncated: true };
    let size = 0;
    let eol = typeEnd + 1;
    for (; eol < length && eol - typeEnd <= 10 && buffer[eol]! >= 0x30 && buffer[eol]! <= 0x39; eol += 1) size = size * 10 + (buffer[eol]! - 0x30);
    if (eol === typeEnd + 1 || eol >= length || buffer[eol] !== NEWLINE) return { blobs, rejected, truncated: true };
    const start = eol + 1;
    const end = start + size;
    if (end >= length || buffer[end] !== NEWLINE) return { blobs, rejected, truncated: true };
    const oid = buffer.toString('latin1', at, at + digits);
    if (isBlob(buffer, typeStart, typeEnd)) {
      buffer[eol] = 0; // `blob <size>\0<content>`: the object as git hashes it
      if (hash(digits === 64 ? 'sha256' : 'sha1', buffer.subarray(typeStart, end)) === oid) blobs.set(oid, buffer.subarray(start, end));
      else rejected += 1;
    } else rejected += 1;
    at = end + 1;
  }
  return { blobs, rejected, truncated: false };
}

function isHex(buffer: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) {
    const c = buffer[i]!;
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/** The type word is `blob`. */
function isBlob(buffer: Buffer, from: number, to: number): boolean {
  return to - from === 4 && buffer[from] === 0x62 && buffer[from + 1] === 0x6c && buffer[from + 2] === 0x6f && buffer[from + 3] === 0x62;
}

/** A one-shot digest where Node has one (20.12 and later), else through a Hash. */
function hash(algorithm: 'sha1' | 'sha256', data: Uint8Array): string {
  return typeof crypto.hash === 'function' ? crypto.hash(algorithm, data, 'hex') : crypto.createHash(algorithm).update(data).digest('hex');
}

/** One line for the log: what the cache at `file` held. Pure. */
export function describeCache(file: string, cache: MetadataCache | undefined): string {
  if (!cache) return `No metadata cache at ${file}: every metadata blob is read from git`;
  const problems = [cache.rejected > 0 ? `${cache.rejected} ${cache.rejected === 1 ? 'entry' : 'entries'} left out, their content not matching their id` : '', cache.truncated ? 'the file ends mid-entry' : ''].filter(Boolean);
  return `Metadata cache ${file}: ${cache.blobs.size} ${cache.blobs.size === 1 ? 'blob' : 'blobs'}, each checked against its object id${problems.length ? ` (${problems.join('; ')})` : ''}`;
}
