import { printableJson } from '@evident/core';
import type { CliIo } from './cli-io.js';

/**
 * A command's machine-readable output: indented JSON and a final newline on stdout. The control and
 * bidirectional characters JSON leaves raw are escaped too (the same value), so text quoted from a
 * repository, an evidence branch or a bundle cannot steer a terminal that shows it.
 */
export function writeJson(io: CliIo, value: unknown): void {
  io.stdout(`${printableJson(value)}\n`);
}
