/** `1 file`, `2 files`: a count and the noun that agrees with it. Pure. */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
