/** File-name-safe form of an id. */
export function pageName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_');
}
