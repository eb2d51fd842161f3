import type { CliIo } from './cli-io.js';
import type { ExitCodeValue } from './exit-codes.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Shown in --help. */
  description: string;
  /** Value placeholder in --help, such as FORMAT. */
  value?: string;
  default?: string | boolean;
}

/** One `evident` sub-command: its help and a `run` that returns the exit code. */
export interface Command {
  /** Words after `evident`, such as `check` or `evidence collect`. */
  name: string;
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  /** How many arguments besides options it takes at most (default 0; `Infinity` for any number): one more is a usage error. */
  maxPositionals?: number;
  /** Extra help text: exit codes, examples. */
  details?: string;
  run(args: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] }, io: CliIo): Promise<ExitCodeValue>;
}
