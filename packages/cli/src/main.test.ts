import { describe, expect, it } from '@jest/globals';
import { checkCommand } from './commands/check-command.js';
import { commands } from './commands/registry.js';
import { commandsFor } from './main.js';

describe('commandsFor', () => {
  it('loads only the check command for `evident check`, the same command the registry holds', async () => {
    expect(await commandsFor(['check', '--root', 'x'])).toEqual([checkCommand]);
    expect(commands).toContain(checkCommand);
  });

  it('leaves every other argv to the whole registry', async () => {
    for (const argv of [[], ['--help'], ['--version'], ['coverage'], ['chek'], ['evidence', 'verify'], ['--root', 'check']]) {
      expect(await commandsFor(argv)).toBeUndefined();
    }
  });

  it('is right to: no other command starts with the word `check`', () => {
    expect(commands.filter((c) => c.name.split(' ')[0] === 'check').map((c) => c.name)).toEqual(['check']);
  });
});
