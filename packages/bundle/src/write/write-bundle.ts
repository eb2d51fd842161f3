import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { createHashingTap } from '@evident/core';
import type { BundlePlan, FileDigest, PlannedEntry, Rendered } from '../plan/bundle-plan.js';
import { PROBE_BYTES, worthDeflating } from './compression-probe.js';
import { deflatePieces } from './deflate-pieces.js';
import { EvidenceChangedError } from './evidence-changed-error.js';
import { createPageSpool } from './page-spool.js';
import { prepareEntry, preparedFrom, ZipWriter, type PreparedEntry } from './zip-writer.js';

export interface WriteProgress {
  /** Pages and other generated entries rendered so far, of `totalPages` (they come first). */
  pages: number;
  totalPages: number;
  /** Files streamed from disk and hashed so far, of `totalFiles`. */
  files: number;
  totalFiles: number;
  /** Bytes of those files hashed so far, of `totalBytes`. */
  bytes: number;
  totalBytes: number;
}

export interface WriteOptions {
  /** Called after each page is rendered and after each file streamed from disk is hashed. */
  onProgress?(progress: WriteProgress): void;
  /**
   * Called once every entry that renders a body (`rendersBody`) is rendered: those come first, so a
   * caller rendering bodies on worker threads can stop them there, before the other pages render.
   * Called once, also when rendering fails.
   */
  afterBodies?(): void | Promise<void>;
}

export interface WrittenBundle {
  path: string;
  /** SHA-256 of the zip file, computed as it was written. */
  sha256: string;
  size: number;
  entries: number;
  digests: Map<string, FileDigest>;
}

type FileEntry = PlannedEntry & { source: { file: string; size: number } };
const isFile = (entry: PlannedEntry): entry is FileEntry => typeof entry.source === 'object' && !(entry.source instanceof Uint8Array);
const toBytes = (value: Uint8Array | string): Uint8Array => (typeof value === 'string' ? Buffer.from(value, 'utf8') : value);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** Pages whose rendering is started ahead of the one being deflated, so worker threads rendering bodies stay busy. */
const RENDER_AHEAD = 16;
/** Files up to this size are read whole and deflated ahead of the writer; larger ones stream. */
const SMALL_FILE = 4 << 20;
/** At most this many small files, and this many of their bytes, are held ahead of the writer. */
const AHEAD_FILES = 16;
const AHEAD_BYTES = 16 << 20;
/** Bytes of the zip buffered on their way to the disk. */
const OUTPUT_BUFFER = 1 << 20;
const deflateRaw = promisify(zlib.deflateRaw);
/**
 * Deflate level of evidence files: level 1 keeps most of the gain on text exports
 * (CSV, JSON, logs shrink to about 30%, against 23% at level 6) for a quarter of the
 * time; pages and CSV files of the bundle itself are small and use level 6.
 */
const EVIDENCE_LEVEL = 1;

/** Read a small file whole, hash and checksum it, and deflate it on the thread pool when it looks compressible. */
async function prepareFile(entry: FileEntry): Promise<{ prepared: PreparedEntry; sha256: string }> {
  const bytes = await readFile(entry.source.file);
  if (bytes.length !== entry.source.size) throw new EvidenceChangedError(entry.path);
  const digest = sha256(bytes);
  const compress = entry.compress && bytes.length > 0 && worthDeflating(bytes.subarray(0, PROBE_BYTES));
  const deflated = compress ? await deflateRaw(bytes, { level: EVIDENCE_LEVEL }) : undefined;
  return { prepared: preparedFrom(entry.path, bytes, deflated), sha256: digest };
}

/**
 * Write a planned bundle as one zip, streaming, in two phases so their memory never adds up.
 * First the generated entries are rendered (long listings a chunk of rows at a time), deflated
 * and parked in a temporary file: those that render a body first, so the body renderer can stop
 * before the others. Then the files from disk go into the zip in plan order: each
 * is read once, its first 16 KiB decide whether it is deflated, and it is hashed on its way in.
 * The parked entries follow in plan order, then manifest.json and SHA256SUMS. Memory holds a few
 * pages or a bounded read-ahead of files, whatever the evidence volume and the number of pages.
 * The zip goes to a temporary file renamed at the end, so no half-written bundle is left behind.
 */
export async function writeBundle(plan: BundlePlan, outFile: string, options: WriteOptions = {}): Promise<WrittenBundle> {
  await mkdir(path.dirname(outFile), { recursive: true });
  const temporary = `${outFile}.${process.pid}.partial`;
  const digests = new Map<string, FileDigest>();
  const { entries, closing } = plan;
  const files = entries.filter(isFile);
  // Each generated entry is let go once it is parked: what only it holds (the text of a copied metadata file, say) can then be released.
  const generated: (PlannedEntry | undefined)[] = entries.filter((e) => !isFile(e));
  // Entries that render a body first, the others after; each keeps its place in the zip (its index in `generated`).
  const places = [...generated.keys()];
  const withBodies = places.filter((i) => generated[i]!.rendersBody);
  const renderOrder = [...withBodies, ...places.filter((i) => !generated[i]!.rendersBody)];
  const progress: WriteProgress = { pages: 0, totalPages: generated.length, files: 0, totalFiles: files.length, bytes: 0, totalBytes: files.reduce((n, f) => n + f.source.size, 0) };

  // Large buffers: writes of many small entries then reach the disk in few system calls.
  const tap = createHashingTap({ highWaterMark: OUTPUT_BUFFER });
  const hashing = tap.stream;
  const written = pipeline(hashing, createWriteStream(temporary, { highWaterMark: OUTPUT_BUFFER }));
  written.catch(() => undefined);
  const zip = new ZipWriter(hashing);
  const spool = await createPageSpool(`${outFile}.${process.pid}.pages`);

  const record = (entry: FileEntry, digest: string, bytes: number) => {
    if (entry.sha256 !== undefined && digest !== entry.sha256) throw new EvidenceChangedError(entry.path);
    digests.set(entry.path, { sha256: digest, size: bytes });
    progress.files += 1;
    progress.bytes += bytes;
    options.onProgress?.({ ...progress });
  };
  /** A large file streams through the zip: only a few chunks are in memory at a time. */
  const streamFile = async (entry: FileEntry) => {
    const { size } = entry.source;
    const head = await readHead(entry.source.file, Math.min(PROBE_BYTES, size));
    const hash = createHash('sha256').update(head);
    let bytes = head.length;
    const rest = head.length < size ? createReadStream(entry.source.file, { start: head.length }) : undefined;
    async function* content() {
      yield head;
      if (!rest) return;
      for await (const chunk of rest as AsyncIterable<Buffer>) {
        hash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
    }
    await zip.addStream(entry.path, Readable.from(content(), { objectMode: false }), { compress: entry.compress && worthDeflating(head), size, level: EVIDENCE_LEVEL });
    record(entry, hash.digest('hex'), bytes);
  };
  /**
   * Files go into the zip in plan order. Small files are read whole a few at a time ahead
   * of the writer and deflated on zlib's thread pool meanwhile (bounded by count and bytes);
   * a large file waits for those before it and then streams.
   */
  const writeFiles = async () => {
    const ahead: { entry: FileEntry; ready: Promise<{ prepared: PreparedEntry; sha256: string }> }[] = [];
    let aheadBytes = 0;
    let next = 0;
    const fill = () => {
      while (next < files.length && ahead.length < AHEAD_FILES) {
        const entry = files[next]!;
        if (entry.source.size > SMALL_FILE) {
          if (ahead.length > 0) return;
          break;
        }
        if (ahead.length > 0 && aheadBytes + entry.source.size > AHEAD_BYTES) return;
        aheadBytes += entry.source.size;
        const ready = prepareFile(entry);
        ready.catch(() => undefined);
        ahead.push({ entry, ready });
        next += 1;
      }
    };
    while (next < files.length || ahead.length > 0) {
      fill();
      const first = ahead.shift();
      if (first) {
        const { prepared, sha256: digest } = await first.ready;
        aheadBytes -= first.entry.source.size;
        await zip.addPrepared(prepared);
        record(first.entry, digest, prepared.size);
      } else {
        await streamFile(files[next]!);
        next += 1;
      }
    }
  };
  /** Deflate a rendered entry and park it in the spool at its place in the zip, recording its digest. */
  const park = async (entry: PlannedEntry, at: number, rendered: Rendered) => {
    if (typeof rendered === 'string' || rendered instanceof Uint8Array) {
      const bytes = toBytes(rendered);
      digests.set(entry.path, { sha256: sha256(bytes), size: bytes.length });
      await spool.add(prepareEntry(entry.path, bytes, entry.compress), at);
      return;
    }
    const deflated = deflatePieces(rendered);
    await spool.addDeflated(entry.path, at, deflated.pieces, () => deflated.summary());
    const { sha256: digest, size } = deflated.summary();
    digests.set(entry.path, { sha256: digest, size });
  };
  const render = (entry: PlannedEntry): Promise<Rendered> => {
    const source = entry.source as Exclude<PlannedEntry['source'], { file: string }>;
    return Promise.resolve().then(() => (typeof source === 'function' ? source() : source));
  };
  /** Tell the caller, once, that no more bodies will be rendered. */
  let bodiesRendered = false;
  const afterBodies = async () => {
    if (bodiesRendered) return;
    bodiesRendered = true;
    await options.afterBodies?.();
  };
  /**
   * Pages render a few ahead of the one being deflated (bodies on worker threads when the plan uses them), and wait in the spool.
   * Those that render a body come first: the body renderer stops once they are done, and its memory does not add to the rest.
   */
  const renderPages = async () => {
    const started: Promise<Rendered>[] = [];
    const start = (k: number) => {
      started[k] = render(generated[renderOrder[k]!]!);
      started[k]!.catch(() => undefined);
    };
    for (let k = 0; k < Math.min(RENDER_AHEAD, renderOrder.length); k += 1) start(k);
    for (let k = 0; k < renderOrder.length; k += 1) {
      if (k + RENDER_AHEAD < renderOrder.length) start(k + RENDER_AHEAD);
      const rendered = await started[k]!;
      delete started[k];
      const at = renderOrder[k]!;
      await park(generated[at]!, at, rendered);
      generated[at] = undefined;
      progress.pages += 1;
      options.onProgress?.({ ...progress });
      if (k + 1 === withBodies.length) await afterBodies();
    }
  };

  try {
    try {
      await renderPages();
    } finally {
      await afterBodies();
    }
    await writeFiles();
    for (const [k, close] of closing.entries()) {
      const entry = close(digests);
      await park(entry, generated.length + k, await render(entry));
    }
    for await (const entry of spool.drain()) await zip.addPrepared(entry);
    await zip.finish();
    await written;
    await rename(temporary, outFile);
  } catch (error) {
    hashing.destroy();
    await written.catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  } finally {
    await spool.remove();
  }
  const whole = tap.result();
  return { path: outFile, sha256: whole.sha256, size: whole.bytes, entries: digests.size, digests };
}

async function readHead(file: string, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    let offset = 0;
    while (offset < length) {
      const { bytesRead } = await handle.read(buffer, offset, length - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return buffer.subarray(0, offset);
  } finally {
    await handle.close();
  }
}
