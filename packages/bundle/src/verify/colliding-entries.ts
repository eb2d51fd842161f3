import { portableNameCollisions } from '@evident/core';
import type { BundleProblem } from './bundle-problem.js';

/**
 * Entries whose names differ from another entry's only in letter case or Unicode form (core's
 * `portableNameCollisions`): macOS and Windows store both under one name, so unzipped there one file
 * replaces the other and the auditor may read other bytes than those verified. Each entry after the
 * first of such a name, in path order, is a problem naming the first. Pure.
 */
export function collidingEntries(names: Iterable<string>): BundleProblem[] {
  const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...portableNameCollisions(sorted)].map(([name, other]) => ({
    file: name,
    problem: 'unsafe' as const,
    message: `Unexpected entry \`${name}\` that differs from \`${other}\` only in letter case or Unicode form, expected distinct names: on macOS and Windows one file replaces the other when the bundle is unzipped`,
  }));
}
