import type { Command } from '../command.js';
import { checkCommand } from './check-command.js';
import { coverageCommand } from './coverage-command.js';

/** Every `evident` command. Adding a command adds one line here. */
export const commands: readonly Command[] = [checkCommand, coverageCommand];
