import type { Stats } from 'node:fs';
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../diagnostic.js';
import type { SourceFile } from '../source-file.js';
import { fileFault, isFileSystemError } from './file-fault.js';
import { readRegularFile } from './read-regular-file.js';

export interface ReadTextOptions {
  /** A listing just saw the path as a regular file (not a link): it is read without a status read by path first. */
  listedRegular?: boolean;
}

export type ReadResult = { file: SourceFile; finding?: undefined } | { file?: undefined; finding: Finding };

/**
 * Read one repository file as UTF-8 text, refusing what must not be parsed:
 * files over the size limit, symlinks that leave the repository, directories and
 * special files, binary or non-UTF-8 content. Refusals are findings, not exceptions.
 */
export async function readTextFile(root: string, relativePath: string, maxBytes: number, options: ReadTextOptions = {}): Promise<ReadResult> {
  try {
    if (options.listedRegular) {
      const read = await readRegularFile(path.join(root, relativePath), maxBytes);
      if (read.bytes) return decodeText(read.bytes, relativePath);
      if (read.size !== undefined) return { finding: tooLarge(read.size, maxBytes, relativePath) };
      // No longer a regular file since it was listed: read as any other path.
    }
    return await readChecked(root, relativePath, maxBytes);
  } catch (error) {
    // Permissions, link loops, a file removed mid-run: a finding at the file, never an exception.
    if (isFileSystemError(error)) return { finding: fileFault(error, relativePath) };
    throw error;
  }
}

async function readChecked(root: string, relativePath: string, maxBytes: number): Promise<ReadResult> {
  const absolute = path.join(root, relativePath);
  const file = relativePath;
  const info = await lstat(absolute);
  if (info.isSymbolicLink()) {
    const target = await realpath(absolute).catch((error: NodeJS.ErrnoException) => (error.code === 'ELOOP' ? 'loop' : undefined));
    if (target === 'loop') return { finding: fileFault(Object.assign(new Error('loop'), { code: 'ELOOP' }), file) };
    const realRoot = await realpath(root);
    if (target === undefined) return { finding: { ruleId: 'parse/symlink', message: 'Unexpected broken symbolic link, expected a regular file', file } };
    if (target !== realRoot && !target.startsWith(realRoot + path.sep)) {
      return { finding: { ruleId: 'parse/symlink', message: 'Unexpected symbolic link to a path outside the repository, expected a file inside it', file } };
    }
  }
  const target = info.isSymbolicLink() ? await stat(absolute) : info;
  if (!target.isFile()) return { finding: { ruleId: 'parse/not-a-file', message: `Unexpected ${kindOf(target)}, expected a regular file`, file } };
  const bytesOnDisk = target.size;
  if (bytesOnDisk > maxBytes) return { finding: tooLarge(bytesOnDisk, maxBytes, file) };
  const bytes = await readFile(absolute);
  return decodeText(bytes, file);
}

function tooLarge(bytes: number, maxBytes: number, file: string): Finding {
  return { ruleId: 'parse/too-large', message: `Unexpected file of ${bytes} bytes, expected at most ${maxBytes} bytes (\`limits.max_file_bytes\`)`, file };
}

/** What a path that is not a regular file is, in plain words. */
function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'directory';
  if (info.isFIFO()) return 'named pipe (FIFO)';
  if (info.isSocket()) return 'socket';
  if (info.isBlockDevice() || info.isCharacterDevice()) return 'device file';
  return 'special file';
}

/** One strict decoder for every file: `decode` without `stream` keeps no state between calls, and tens of thousands of metadata files are decoded per check. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decode bytes as strict UTF-8; NUL bytes mean binary content. */
export function decodeText(bytes: Uint8Array, file: string): ReadResult {
  if (bytes.includes(0)) return { finding: { ruleId: 'parse/binary', message: 'Unexpected binary content, expected UTF-8 text', file } };
  try {
    const text = strictUtf8.decode(bytes);
    return { file: { path: file, text } };
  } catch {
    const line = lineOfFirstInvalidByte(bytes);
    return { finding: { ruleId: 'parse/encoding', message: 'Unexpected non-UTF-8 bytes, expected UTF-8 text', file, line } };
  }
}

function lineOfFirstInvalidByte(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i += 1) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line += 1;
      start = i + 1;
    }
  }
  return 1;
}
