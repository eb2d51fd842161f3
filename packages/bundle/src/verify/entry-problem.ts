import { unportableNamePart } from '@evident/core';
import type { VerifyLimits } from './verify-limits.js';

/** What the central directory says about an entry, before any of its data is read. */
export interface EntryHeader {
  /** The name as unzip would use it (decoded, backslashes kept). */
  name: string;
  nameBytes: number;
  externalFileAttributes: number;
  generalPurposeBitFlag: number;
  compressionMethod: number;
  compressedSize: number;
  uncompressedSize: number;
}

const TYPE_BITS = 0o170000;
const REGULAR = 0o100000;
const KINDS: Record<number, string> = { 0o120000: 'symbolic link', 0o040000: 'directory', 0o010000: 'named pipe', 0o020000: 'character device', 0o060000: 'block device', 0o140000: 'socket' };
const MS_DOS_DIRECTORY = 0x10;
const n = (value: number) => value.toLocaleString('en-US');

/** Whether an extractor could write this name outside the folder it extracts into (or refuse it). */
function unsafePath(name: string): boolean {
  if (name === '' || name.includes('\\') || name.includes('\u0000') || name.startsWith('/') || /^[A-Za-z]:/.test(name)) return true;
  return name.split('/').some((segment, i, all) => segment === '..' || segment === '.' || (segment === '' && i < all.length - 1));
}

/**
 * Why an entry is refused before its data is read, or undefined: a name that leaves the bundle or
 * that some operating system cannot write (core's `unportableNamePart`), anything but a regular file
 * (bundles hold no directory entries: the writer emits files only; `directory` marks those), encryption, an unknown compression
 * method, or sizes past the limits. Messages name the entry. Pure.
 */
export function entryProblem(entry: EntryHeader, limits: VerifyLimits): { problem: 'unsafe' | 'limit'; message: string; directory?: true } | undefined {
  const { name } = entry;
  const unsafe = (message: string) => ({ problem: 'unsafe' as const, message });
  const limit = (message: string) => ({ problem: 'limit' as const, message });
  if (entry.nameBytes > limits.maxPathBytes) return limit(`Unexpected entry name of ${n(entry.nameBytes)} bytes, expected at most ${n(limits.maxPathBytes)}`);
  const type = (entry.externalFileAttributes >>> 16) & TYPE_BITS;
  if (type === 0o040000 || name.endsWith('/') || (entry.externalFileAttributes & MS_DOS_DIRECTORY) !== 0) return { ...unsafe(`Unexpected directory entry \`${name}\`, expected only files`), directory: true };
  if (unsafePath(name)) return unsafe(`Unexpected entry path \`${name}\`, expected a path inside the bundle`);
  const unportable = unportableNamePart(name);
  if (unportable) return unsafe(`Unexpected entry path \`${name}\` with ${unportable}, expected a name every operating system can write: unzipped on Windows, the file would be refused or written elsewhere`);
  if (type !== 0 && type !== REGULAR) return unsafe(`Unexpected ${KINDS[type] ?? `file of type 0o${type.toString(8)}`} \`${name}\`, expected a regular file`);
  if (entry.generalPurposeBitFlag & 0x1) return unsafe(`Unexpected encrypted entry \`${name}\`, expected plain content`);
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) return unsafe(`Unexpected compression method ${entry.compressionMethod} for \`${name}\`, expected stored (0) or deflated (8)`);
  if (entry.compressionMethod === 0 && entry.compressedSize !== entry.uncompressedSize) {
    return unsafe(`Unexpected stored entry \`${name}\` with ${n(entry.compressedSize)} bytes of data for ${n(entry.uncompressedSize)} bytes of content, expected the same size`);
  }
  if (entry.uncompressedSize > limits.maxEntryBytes) return limit(`Unexpected size of \`${name}\`: ${n(entry.uncompressedSize)} bytes, expected at most ${n(limits.maxEntryBytes)}`);
  if (entry.uncompressedSize > limits.ratioFromBytes && entry.uncompressedSize > limits.maxExpansionRatio * entry.compressedSize) {
    const ratio = Math.floor(entry.uncompressedSize / Math.max(1, entry.compressedSize));
    return limit(`Unexpected expansion of \`${name}\`: ${n(entry.uncompressedSize)} bytes from ${n(entry.compressedSize)} compressed (${n(ratio)} to 1), expected at most ${n(limits.maxExpansionRatio)} to 1`);
  }
  return undefined;
}
