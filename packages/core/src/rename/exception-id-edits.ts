import type { RenameKind } from './rename-request.js';
import type { IdMatcher } from './yaml-id-edits.js';

/**
 * Which segment of an exception id (`kind:segment:segment`, as `evident status` prints it) holds
 * an id of each kind. Only these are renamed: other segments (periods, logins, pull requests) may
 * look like an id by chance.
 */
const SEGMENTS: Record<string, Partial<Record<RenameKind, number>>> = {
  'missing-approval': { policy: 1 },
  'overdue-review': { policy: 1 },
  'missing-acknowledgment': { policy: 1, person: 2 },
  'overdue-acknowledgment': { policy: 1, person: 2 },
  'missing-evidence': { control: 1 },
};

/** Finds the `kind` id `from` in an exception id whose segments are joined by `separator`. */
export function exceptionIdMatcher(kind: RenameKind, from: string, separator = ':'): IdMatcher {
  return (value) => {
    const segments = value.split(separator);
    const index = SEGMENTS[segments[0]!]?.[kind];
    if (index === undefined || segments[index] !== from) return undefined;
    const start = segments.slice(0, index).reduce((length, segment) => length + segment.length + separator.length, 0);
    return [start, start + from.length];
  };
}

/**
 * The name of a management response file named after its exception
 * (`missing-evidence_AC-01_2026-Q3.yaml`, see `exceptionResponseFileName`) once the id in it is
 * renamed; undefined when the name holds no such id.
 */
export function renameInResponseFileName(name: string, kind: RenameKind, from: string, to: string): string | undefined {
  if (!name.endsWith('.yaml')) return undefined;
  const found = exceptionIdMatcher(kind, from, '_')(name.slice(0, -'.yaml'.length));
  return found && `${name.slice(0, found[0])}${to}${name.slice(found[1])}`;
}
