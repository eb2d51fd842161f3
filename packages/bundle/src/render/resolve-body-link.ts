import path from 'node:path';
import type { RewriteLink } from './render-markdown.js';

/**
 * Where relative links of a document point in the bundle, from a map of repository
 * paths to bundle paths (policies and controls to their pages, evidence files to their
 * copies). Anything else is not in the bundle and loses its link. Links are made
 * relative to a page one folder deep. Pure.
 */
export function resolveBodyLink(targets: ReadonlyMap<string, string>, from: string): RewriteLink {
  return (url) => {
    const target = url.split('#', 1)[0] ?? '';
    let decoded: string;
    try {
      decoded = decodeURI(target.split('?')[0]!);
    } catch {
      return undefined;
    }
    const resolved = path.posix.normalize(decoded.startsWith('/') ? decoded.slice(1) : path.posix.join(path.posix.dirname(from), decoded));
    const page = targets.get(resolved);
    return page === undefined ? undefined : `../${page}`;
  };
}
