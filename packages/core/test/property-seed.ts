/**
 * The seeds every property test runs with.
 *
 * The normal run uses one fixed seed, so a property test passes or fails the same way on every
 * run. `EVIDENT_PROPERTY_SEED` changes that: `random` draws a fresh seed per test file, an integer
 * replays one, a comma-separated list runs the property once per seed (what
 * `scripts/property-seeds.mjs` uses). Any seed other than the fixed one is printed, and a failing
 * seed is named in the failure, so it can be replayed and turned into a regression test.
 * `EVIDENT_PROPERTY_REPORT=<file>` appends one JSON line per property and seed to that file.
 */
import { expect } from '@jest/globals';
import fc, { type IProperty, type IAsyncProperty, type Parameters } from 'fast-check';
import { appendFileSync } from 'node:fs';

/** The seed of the normal run. */
export const FIXED_PROPERTY_SEED = 20260101;

/** The seeds chosen by `EVIDENT_PROPERTY_SEED` (unset: the fixed seed; `random`: a fresh one; integers: those). */
export function propertySeeds(setting: string | undefined = process.env['EVIDENT_PROPERTY_SEED']): number[] {
  if (setting === undefined || setting.trim() === '') return [FIXED_PROPERTY_SEED];
  if (setting.trim() === 'random') return [(Date.now() ^ Math.floor(Math.random() * 0x100000000)) | 0];
  return setting.split(',').map((part) => {
    if (!/^\s*-?\d+\s*$/.test(part)) throw new Error(`Unexpected EVIDENT_PROPERTY_SEED \`${setting}\`, expected \`random\` or integers separated by commas`);
    return Number(part) | 0;
  });
}

const seeds = propertySeeds();
if (process.env['EVIDENT_PROPERTY_SEED']) process.stdout.write(`EVIDENT_PROPERTY_SEED=${seeds.join(',')}\n`);

/** fast-check parameters with the run's (first) seed, for a property asserted by hand. */
export function propertyParameters<T>(extra: Parameters<T> = {}): Parameters<T> {
  return { ...extra, seed: seeds[0]! };
}

function report(seed: number, failure: string | undefined): void {
  const file = process.env['EVIDENT_PROPERTY_REPORT'];
  if (file) appendFileSync(file, JSON.stringify({ test: expect.getState().currentTestName ?? '', seed, ok: failure === undefined, failure: failure?.split('\n').slice(0, 4).join('\n') }) + '\n');
}

function failed(failures: { seed: number; message: string }[]): Error {
  return new Error(failures.map(({ seed, message }) => `EVIDENT_PROPERTY_SEED=${seed} fails:\n${message}`).join('\n\n'));
}

/** `fc.assert` once per seed of the run; every seed runs, and the failure names each failing seed. */
export function assertProperty<T>(property: IProperty<T>, extra: Parameters<T> = {}): void {
  const failures: { seed: number; message: string }[] = [];
  for (const seed of seeds) {
    try {
      fc.assert(property, { ...extra, seed });
      report(seed, undefined);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      report(seed, message);
      failures.push({ seed, message });
    }
  }
  if (failures.length > 0) throw failed(failures);
}

/** `assertProperty` for an asynchronous property. */
export async function assertAsyncProperty<T>(property: IAsyncProperty<T>, extra: Parameters<T> = {}): Promise<void> {
  const failures: { seed: number; message: string }[] = [];
  for (const seed of seeds) {
    try {
      await fc.assert(property, { ...extra, seed });
      report(seed, undefined);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      report(seed, message);
      failures.push({ seed, message });
    }
  }
  if (failures.length > 0) throw failed(failures);
}
