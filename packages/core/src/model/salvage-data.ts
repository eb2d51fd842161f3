/**
 * The part of a document's data that passed its schema: each value at an invalid path is left
 * out (an item of a list leaves a hole, so the other items keep their index and position).
 * What is left is well typed, so the findings it allows (unknown criteria, unknown people,
 * broken references) are reported in the same run as the schema findings. Pure; `data` is not changed.
 */
export function salvageData(data: Record<string, unknown>, invalidPaths: readonly (readonly (string | number)[])[]): Record<string, unknown> {
  const copy = structuredClone(data);
  for (const path of invalidPaths) {
    if (path.length === 0) return {};
    let parent: unknown = copy;
    for (const segment of path.slice(0, -1)) parent = parent == null || typeof parent !== 'object' ? undefined : (parent as Record<string | number, unknown>)[segment];
    if (parent == null || typeof parent !== 'object') continue;
    // `delete` on a list leaves a hole: forEach skips it and the other items keep their index.
    delete (parent as Record<string | number, unknown>)[path[path.length - 1]!];
  }
  return copy;
}
