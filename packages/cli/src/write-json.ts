import type { CliIo } from './cli-io.js';

/** A command's machine-readable output: indented JSON and a final newline on stdout. */
export function writeJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
