import { readFileSync } from 'node:fs';
import { VERSION } from './version.js';

/**
 * Where this copy of Evident came from. The packed CLI carries a `build-info.json` at its
 * package root, written by `scripts/package-cli.mjs`; a workspace build has none and says so.
 */
export interface BuildInfo {
  /** The package name users install, e.g. `evident-soc2`. */
  name: string;
  version: string;
  /** Full commit SHA of the Evident source the package was built from. */
  commit?: string;
  /** `OWNER/REPO` of the Evident repository that released it. */
  repository?: string;
  /** The release tag, e.g. `evident-v0.1.0`, when built by the release workflow. */
  tag?: string;
}

/** The package name Evident is published and installed as: chosen here, once. */
export const PACKAGE_NAME = 'evident-soc2';

const sha = /^[0-9a-f]{40}$/;
const repo = /^[\w.-]+\/[\w.-]+$/;

/** Parse the text of a `build-info.json`; fields that are absent or malformed are left out. Pure. */
export function parseBuildInfo(text: string | undefined): BuildInfo {
  const info: BuildInfo = { name: PACKAGE_NAME, version: VERSION };
  if (text === undefined) return info;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return info;
  }
  if (typeof data !== 'object' || data === null) return info;
  const d = data as Record<string, unknown>;
  if (typeof d.version === 'string' && d.version) info.version = d.version;
  if (typeof d.commit === 'string' && sha.test(d.commit)) info.commit = d.commit;
  if (typeof d.repository === 'string' && repo.test(d.repository)) info.repository = d.repository;
  if (typeof d.tag === 'string' && /^[\w.+-]+$/.test(d.tag)) info.tag = d.tag;
  return info;
}

/** Read the package's `build-info.json` (beside `dist/`), if there is one. */
export function readBuildInfo(moduleUrl: string | URL = import.meta.url): BuildInfo {
  let text: string | undefined;
  try {
    text = readFileSync(new URL('../build-info.json', moduleUrl), 'utf8');
  } catch {
    text = undefined;
  }
  return parseBuildInfo(text);
}

/** One line for `--version`: `evident-soc2 0.1.0 (evident-v0.1.0, commit 0123abc…, OWNER/REPO)`. */
export function describeBuild(info: BuildInfo): string {
  const parts = [info.tag, info.commit ? `commit ${info.commit}` : 'development build, commit unknown', info.repository].filter(Boolean);
  return `${info.name} ${info.version} (${parts.join(', ')})`;
}
