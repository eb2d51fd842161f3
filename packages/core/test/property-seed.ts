/**
 * The fast-check parameters every property test runs with.
 *
 * The normal run uses one fixed seed, so a property test passes or fails the same way on every
 * run. `EVIDENT_PROPERTY_SEED=random` draws a new seed per file, `EVIDENT_PROPERTY_SEED=<integer>`
 * replays one; either way the seed is printed, so a failure found by `scripts/property-seeds.mjs`
 * can be replayed and turned into a regression test.
 */
import type { Parameters } from 'fast-check';

/** The seed of the normal run. */
export const FIXED_PROPERTY_SEED = 20260101;

/** The seed chosen by `EVIDENT_PROPERTY_SEED` (unset: the fixed seed; `random`: a fresh one; an integer: that one). */
export function propertySeed(setting: string | undefined = process.env['EVIDENT_PROPERTY_SEED']): number {
  if (setting === undefined || setting === '') return FIXED_PROPERTY_SEED;
  if (setting === 'random') return (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  if (!/^-?\d+$/.test(setting)) throw new Error(`Unexpected EVIDENT_PROPERTY_SEED \`${setting}\`, expected \`random\` or an integer`);
  return Number(setting) | 0;
}

const seed = propertySeed();
if (process.env['EVIDENT_PROPERTY_SEED']) process.stdout.write(`EVIDENT_PROPERTY_SEED=${seed}\n`);

/** fast-check parameters with the run's seed: `fc.assert(property, propertyParameters({ numRuns: 300 }))`. */
export function propertyParameters<T>(extra: Parameters<T> = {}): Parameters<T> {
  return { ...extra, seed };
}
