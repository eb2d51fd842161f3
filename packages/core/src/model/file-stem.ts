/** A document's file name without its folder and `.md`: the id it must declare (`id/file-name`). Pure. */
export function fileStem(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/, '');
}
