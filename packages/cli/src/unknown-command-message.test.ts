import { describe, expect, it } from '@jest/globals';
import { commands } from './commands/registry.js';
import { unknownCommandMessage } from './unknown-command-message.js';

const all = commands.map((command) => `\`${command.name}\``).join(', ');

describe('unknownCommandMessage', () => {
  it.each([
    [['chek'], 'Unexpected command `chek`, expected a command such as `check`. Did you mean `evident check`?'],
    [['statsu', '--root', '.'], 'Unexpected command `statsu`, expected a command such as `status`. Did you mean `evident status`?'],
    [['hepl'], 'Unexpected command `hepl`, expected a command such as `help`. Did you mean `evident help`?'],
    [['Bundle'], 'Unexpected command `Bundle`, expected a command such as `bundle`. Did you mean `evident bundle`?'],
    [['evidence', 'colect', '--pr', '1'], 'Unexpected command `evidence colect`, expected a command such as `evidence collect`. Did you mean `evident evidence collect`?'],
    [['evidense', 'verify'], 'Unexpected command `evidense verify`, expected a command such as `evidence verify`. Did you mean `evident evidence verify`?'],
    [['ack', 'stauts'], 'Unexpected command `ack stauts`, expected a command such as `ack status`. Did you mean `evident ack status`?'],
  ])('suggests the command meant by %j', (argv, message) => {
    expect(unknownCommandMessage(argv, commands)).toBe(message);
  });

  it('lists the commands when none is close', () => {
    expect(unknownCommandMessage(['frobnicate', '--root', '.'], commands)).toBe(`Unexpected command \`frobnicate\`, expected one of ${all}`);
  });

  it('lists the commands of a group named without one', () => {
    expect(unknownCommandMessage(['evidence'], commands)).toBe('Unexpected command `evidence`, expected one of `evidence add`, `evidence collect`, `evidence verify`');
    expect(unknownCommandMessage(['evidence', '--pr', '1'], commands)).toBe('Unexpected command `evidence`, expected one of `evidence add`, `evidence collect`, `evidence verify`');
    expect(unknownCommandMessage(['ack', 'frobnicate'], commands)).toBe('Unexpected command `ack frobnicate`, expected one of `ack request`, `ack status`');
  });

  it('answers an option given before any command', () => {
    expect(unknownCommandMessage(['--verison'], commands)).toBe('Unexpected option `--verison` for `evident`. Did you mean `evident --version`?');
    expect(unknownCommandMessage(['--root=.', 'check'], commands)).toBe('Unexpected option `--root` for `evident`, expected a command before its options, or `--help` or `--version`');
  });
});
