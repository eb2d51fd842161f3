/** Extensions of formats that are already compressed: deflating them again costs time and saves nothing. */
const stored = new Set(['7z', 'avif', 'br', 'bz2', 'docx', 'gif', 'gz', 'heic', 'jar', 'jpeg', 'jpg', 'mov', 'mp3', 'mp4', 'odt', 'ods', 'png', 'pptx', 'tgz', 'webm', 'webp', 'xlsx', 'xz', 'zip', 'zst']);

/** Whether a file is deflated in the bundle (decided by its name only, so the same input gives the same bytes). */
export function compressible(path: string): boolean {
  const dot = path.lastIndexOf('.');
  return dot === -1 || !stored.has(path.slice(dot + 1).toLowerCase());
}
