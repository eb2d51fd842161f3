import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { listFiles } from '../io/list-files.js';
import { mapConcurrently } from '../io/map-concurrently.js';
import { METADATA_SUFFIX, type EvidenceFileDigest } from './evidence-item.js';

/** How many evidence files are hashed at once. */
const CONCURRENCY = 8;

/** Files up to this size are read whole, in one go; larger ones stream. */
const READ_WHOLE = 1 << 20;

/**
 * SHA-256 (hex) and size of a file. A file `knownSize` says is small is read whole (most evidence
 * files are: one read instead of a stream's round trips, about 2.5 times faster on 20,000 files);
 * any other file is read as a stream, so its bytes are never all in memory.
 */
export async function hashFile(file: string, knownSize?: number): Promise<{ sha256: string; bytes: number }> {
  if (knownSize !== undefined && knownSize <= READ_WHOLE) {
    const bytes = await readFile(file);
    return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  }
  const hash = createHash('sha256');
  let bytes = 0;
  await pipeline(createReadStream(file), async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      bytes += chunk.length;
      hash.update(chunk);
    }
  });
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * Digest every file under the evidence folder except metadata files. A symbolic
 * link whose target leaves the folder is not followed: it is marked `outside`.
 */
export async function hashEvidenceFiles(root: string, folder: string): Promise<Record<string, EvidenceFileDigest>> {
  const files = await listFiles(root, folder, (f) => !f.endsWith(METADATA_SUFFIX));
  const realFolder = await realpath(path.join(root, folder)).catch(() => undefined);
  const digests = await mapConcurrently(files, CONCURRENCY, (file) => digest(path.join(root, file), realFolder));
  return Object.fromEntries(files.map((file, i) => [file, digests[i]!] as const).sort(([a], [b]) => a.localeCompare(b)));
}

async function digest(absolute: string, realFolder: string | undefined): Promise<EvidenceFileDigest> {
  const info = await lstat(absolute);
  if (info.isSymbolicLink()) {
    const target = await realpath(absolute).catch(() => undefined);
    if (target === undefined || realFolder === undefined || !target.startsWith(realFolder + path.sep)) return { outside: true };
    return hashFile(absolute);
  }
  return hashFile(absolute, info.size);
}
