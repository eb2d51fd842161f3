/** Build output and dependencies: never walked. */
const skipped: ReadonlySet<string> = new Set(['node_modules', '.git', 'dist', 'lib', 'out']);

/** Whether a walk passes over a folder of this name: dot-folders, build output and dependencies. */
export function skipsFolder(name: string): boolean {
  return name.startsWith('.') || skipped.has(name);
}
