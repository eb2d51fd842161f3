import path from 'node:path';
import { code } from '../diagnostic.js';
import type { Rule } from './rule.js';

/** Whether a link target is a path inside the repository rather than a URL or an anchor. */
export function isRelativeLink(url: string): boolean {
  return url !== '' && !url.startsWith('#') && !url.startsWith('//') && !/^[a-z][a-z0-9+.-]*:/i.test(url);
}

/** Resolve a relative link from a document to a repository path, or undefined when it leaves the repository. */
export function resolveLink(from: string, url: string): string | undefined {
  const target = url.split('#')[0]!.split('?')[0]!;
  let decoded: string;
  try {
    decoded = decodeURI(target);
  } catch {
    decoded = target;
  }
  const resolved = decoded.startsWith('/') ? decoded.slice(1) : path.posix.join(path.posix.dirname(from), decoded);
  const normal = path.posix.normalize(resolved).replace(/\/$/, '');
  return normal.startsWith('..') ? undefined : normal;
}

export const bodyBrokenLink: Rule = {
  id: 'body/broken-link',
  description: 'Relative links between documents point to files that exist in the repository.',
  check(model, report) {
    // The folders are needed only for a link that names no file: found then, once.
    let folders: Set<string> | undefined;
    for (const doc of model.documents) {
      for (const link of doc.outline.links) {
        if (!isRelativeLink(link.url)) continue;
        const target = resolveLink(doc.path, link.url);
        if (target !== undefined && (model.files.has(target) || (folders ??= foldersOf(model.files)).has(target))) continue;
        report({ message: `Unexpected broken link ${code(link.url)}, expected a path to a file in the repository`, file: doc.path, line: link.line, column: link.column });
      }
    }
  },
};

/** Every folder that holds a file: each file's parents, walked up until one is already known (tens of thousands of evidence files share a few). */
function foldersOf(files: Iterable<string>): Set<string> {
  const folders = new Set<string>();
  for (const file of files) {
    for (let end = file.lastIndexOf('/'); end > 0; ) {
      const folder = file.slice(0, end);
      if (folders.has(folder)) break;
      folders.add(folder);
      end = folder.lastIndexOf('/');
    }
  }
  return folders;
}
