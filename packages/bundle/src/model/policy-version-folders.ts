import { sha256Hex, unportableNamePart } from '@evident/core';
import { pageName } from '../render/page-name.js';

/** The key under which macOS and Windows store a name: letter case and Unicode form do not count. */
const folded = (name: string) => name.normalize('NFC').toLowerCase();

/**
 * The folder under `policies/` that holds the version pages of each policy id found in the history
 * (`ids`), by id. Ids of the current policies (`currentIds`, which `evident bundle` has already
 * required to be portable) keep their page name (`access`), as does every other id whose page name
 * every operating system can write and no other id's folder or current policy page shares once letter
 * case and Unicode form are ignored. Any other id (one a policy had before a rename: `aux`, a device
 * name Windows reserves, or `Access` beside the current `access`) has its page name followed by a dash
 * and the first 12 hex digits of the SHA-256 of the id (`aux-1c1b2ba9d5ea`), so an auditor can unzip
 * the bundle anywhere and no page replaces another. The version pages keep the id as it was. Pure.
 */
export function policyVersionFolders(ids: Iterable<string>, currentIds: Iterable<string>): Map<string, string> {
  const current = new Set(currentIds);
  const all = [...new Set([...current, ...ids])];
  // Folded names of the current policy pages, and how many ids give each folded folder name.
  const taken = new Set([...current].flatMap((id) => [`${pageName(id)}.html`, `${pageName(id)}.md`].map(folded)));
  const sharing = new Map<string, number>();
  for (const id of all) sharing.set(folded(pageName(id)), (sharing.get(folded(pageName(id))) ?? 0) + 1);
  const folders = new Map<string, string>();
  for (const id of all) {
    const name = pageName(id);
    const plain = current.has(id) || (name !== '' && unportableNamePart(name) === undefined && sharing.get(folded(name)) === 1 && !taken.has(folded(name)));
    folders.set(id, plain ? name : `${name}-${sha256Hex(Buffer.from(id, 'utf8')).slice(0, 12)}`);
  }
  return folders;
}
