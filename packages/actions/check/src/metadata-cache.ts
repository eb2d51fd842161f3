import { createHash } from 'node:crypto';
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
const HEADER = /^([0-9a-f]{40}|[0-9a-f]{64}) ([a-z]+) ([0-9]{1,10})$/;

/** The entries of `git cat-file --batch` output whose content has the object id they are filed under. Pure. */
export function parseMetadataCache(bytes: Uint8Array): MetadataCache {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blobs = new Map<string, Uint8Array>();
  let rejected = 0;
  let at = 0;
  while (at < buffer.length) {
    const eol = buffer.indexOf(NEWLINE, at);
    // A header is at most 64 + 1 + 6 + 1 + 10 characters: anything longer is not an entry.
    if (eol < 0 || eol - at > 82) return { blobs, rejected, truncated: true };
    const match = HEADER.exec(buffer.toString('latin1', at, eol));
    if (!match) return { blobs, rejected, truncated: true };
    const [, oid, type, digits] = match as unknown as [string, string, string, string];
    const size = Number(digits);
    const start = eol + 1;
    const end = start + size;
    if (end >= buffer.length || buffer[end] !== NEWLINE) return { blobs, rejected, truncated: true };
    const content = buffer.subarray(start, end);
    if (type === 'blob' && objectId(oid.length, content) === oid) blobs.set(oid, content);
    else rejected += 1;
    at = end + 1;
  }
  return { blobs, rejected, truncated: false };
}

/** The id git gives a blob of this content: SHA-1 (40 digits) or SHA-256 (64) of `blob <size>\0<content>`. */
function objectId(digits: number, content: Uint8Array): string {
  return createHash(digits === 64 ? 'sha256' : 'sha1')
    .update(`blob ${content.byteLength}\0`)
    .update(content)
    .digest('hex');
}

/** One line for the log: what the cache at `file` held. Pure. */
export function describeCache(file: string, cache: MetadataCache | undefined): string {
  if (!cache) return `No metadata cache at ${file}: every metadata blob is read from git`;
  const problems = [cache.rejected > 0 ? `${cache.rejected} ${cache.rejected === 1 ? 'entry' : 'entries'} left out, their content not matching their id` : '', cache.truncated ? 'the file ends mid-entry' : ''].filter(Boolean);
  return `Metadata cache ${file}: ${cache.blobs.size} ${cache.blobs.size === 1 ? 'blob' : 'blobs'}, each checked against its object id${problems.length ? ` (${problems.join('; ')})` : ''}`;
}
