import { createHash } from 'node:crypto';
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

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * A bundle with its entries edited (`edit`) and manifest.json edited (`header`), then its file list and
 * SHA256SUMS rewritten to agree: the consistent rewrite an attacker without the attestation can make.
 */
export async function restateBundle(from: string, to: string, edit: (entries: Map<string, Buffer>) => void, header: (manifest: Record<string, any>) => void = () => {}): Promise<string> {
  const entries = await readZipEntries(from);
  edit(entries);
  const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
  manifest.files = [...entries.keys()].filter((n) => n !== 'manifest.json' && n !== 'SHA256SUMS').sort().map((p) => ({ path: p, size: entries.get(p)!.length, sha256: sha256(entries.get(p)!) }));
  header(manifest);
  entries.set('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  entries.set('SHA256SUMS', Buffer.from([...entries.keys()].filter((n) => n !== 'SHA256SUMS').sort().map((n) => `${sha256(entries.get(n)!)}  ${n}\n`).join('')));
  const output = createWriteStream(to);
  const zip = new ZipWriter(output);
  for (const [name, bytes] of entries) await zip.addPrepared(prepareEntry(name, bytes, true));
  await zip.finish();
  await finished(output);
  return to;
}
