import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { prepareEntry, ZipWriter } from '../write/zip-writer.js';
import { readZipEntries } from './read-zip-entries.js';

/**
 * Copy a zip entry by entry, letting `edit` replace an entry's bytes (or drop it with
 * null), then append `extra` entries: how tests tamper with a bundle.
 */
export async function rewriteZip(from: string, to: string, edit: (name: string, bytes: Buffer) => Buffer | null = (_n, b) => b, extra: [string, Buffer][] = []): Promise<void> {
  const entries = await readZipEntries(from);
  const output = createWriteStream(to);
  const zip = new ZipWriter(output);
  for (const [name, bytes] of [...entries, ...extra]) {
    const next = edit(name, bytes);
    if (next !== null) await zip.addPrepared(prepareEntry(name, next, true));
  }
  await zip.finish();
  await finished(output);
}

/** The same bytes with one byte changed. */
export function flipByte(bytes: Buffer, at = Math.floor(bytes.length / 2)): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}
