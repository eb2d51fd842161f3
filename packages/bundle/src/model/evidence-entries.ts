import { collectedAfterToday, flatString, type IsoDate, type RepositoryModel } from '@evident/core';
import type { AuditPeriod } from '../bundle-inputs.js';

/** One file under the evidence folder as the bundle lists it: included, or listed with the reason it is not. */
export interface EvidenceEntry {
  /** Repository path of the evidence file. */
  path: string;
  /** Its `.evidence.yaml`, when there is one. */
  metadataPath?: string;
  controls: string[];
  covers?: { label: string; start: string; end: string };
  collected_at?: string;
  collected_by?: string;
  source?: string;
  /** SHA-256 the metadata declares. */
  declared?: string;
  /** SHA-256 and size of the file as read from disk. */
  sha256?: string;
  size?: number;
  included: boolean;
  /** Why an item is left out: outside the period, no metadata, file missing… */
  reason?: string;
  /** What `evident check` found wrong with the item. */
  notes: string[];
  /** Path inside the bundle: `evidence/` + the path inside the evidence folder. */
  bundlePath?: string;
  /** The bundle path, when the portal links it: only for types a browser shows without running anything. */
  href?: string;
}

/**
 * Types a browser opens as inert content (a document, an image, text, a download), never as a web page that
 * runs scripts or loads from the network. Evidence of any other type (HTML, SVG, XML, no extension...) is
 * included but not linked from the portal.
 */
const INERT_TYPES = new Set(['pdf', 'png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'tif', 'tiff', 'txt', 'log', 'csv', 'tsv', 'json', 'jsonl', 'md', 'yaml', 'yml', 'zip', 'gz', 'tgz', '7z', 'xlsx', 'xls', 'docx', 'doc', 'pptx', 'ppt', 'odt', 'ods', 'mp4', 'mov']);

/** Whether the portal links an evidence file at this path (by its extension). */
export function linksInert(file: string): boolean {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 && INERT_TYPES.has(name.slice(dot + 1).toLowerCase());
}

const overlaps = (a: AuditPeriod, b: AuditPeriod) => a.start <= b.end && b.start <= a.end;

/**
 * Every evidence item and every file under the evidence folder: items whose covered
 * period overlaps the audit period are included, the others listed with a reason.
 * What `evident check` finds wrong with an item is its notes, including a `collected_at` after
 * `today` (the bundle's clock), which readiness does not count. Sorted by path. Pure.
 */
export function evidenceEntries(model: RepositoryModel, period: AuditPeriod, today: IsoDate): EvidenceEntry[] {
  const { folder, items, files } = model.evidence;
  const inFolder = (file: string) => `evidence/${file.startsWith(`${folder}/`) ? file.slice(folder.length + 1) : file}`;
  const described = new Set<string>();
  const out: EvidenceEntry[] = [];
  for (const item of items) {
    described.add(item.path);
    const m = item.metadata;
    const entry: EvidenceEntry = {
      path: item.path,
      metadataPath: item.metadataPath,
      controls: [...(m?.controls ?? [])].sort(),
      ...(item.covers ? { covers: item.covers } : {}),
      ...(m ? { collected_at: m.collected_at, collected_by: m.collected_by, source: m.source, declared: m.sha256 } : {}),
      ...(item.file?.sha256 !== undefined ? { sha256: item.file.sha256, size: item.file.bytes } : {}),
      included: false,
      notes: item.problems.map((p) => p.message),
    };
    const late = collectedAfterToday(item, today);
    if (late) entry.notes.push(late.message);
    if (m && entry.sha256 !== undefined && m.sha256 !== entry.sha256) entry.notes.push('The file SHA-256 differs from the one in its metadata');
    if (!item.covers) entry.reason = m ? 'covered period does not parse' : 'metadata incomplete';
    else if (!overlaps(item.covers, period)) entry.reason = 'outside the audit period';
    else if (!item.file) entry.reason = 'evidence file not found';
    else if (item.file.outside) entry.reason = 'symbolic link leaving the evidence folder';
    else {
      entry.included = true;
      entry.bundlePath = flatString(inFolder(item.path));
      if (linksInert(item.path)) entry.href = entry.bundlePath;
    }
    out.push(entry);
  }
  for (const [file, digest] of files) {
    if (described.has(file)) continue;
    out.push({ path: file, controls: [], ...(digest.sha256 !== undefined ? { sha256: digest.sha256, size: digest.bytes } : {}), included: false, reason: 'no .evidence.yaml metadata', notes: [] });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
