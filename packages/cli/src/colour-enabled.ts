/**
 * Whether to colour a stream, from the environment and whether the stream is a terminal. Pure.
 *
 * - `NO_COLOR` set to anything but the empty string turns colours off, and wins over everything.
 * - `FORCE_COLOR` set to `0` or `false` turns them off; set to anything else (`1`, `2`, `3`,
 *   `true` or the empty string) turns them on, even when the stream is not a terminal.
 * - Otherwise colours are on only on a terminal whose `TERM` is not `dumb`.
 */
export function colourEnabled(env: Readonly<Record<string, string | undefined>>, isTTY: boolean | undefined): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.trim().toLowerCase());
  return Boolean(isTTY) && env.TERM !== 'dumb';
}
