import { closestMatch } from './closest-match.js';
import type { Command } from './command.js';

const list = (names: readonly string[]) => names.map((name) => `\`${name}\``).join(', ');

/**
 * The one-line error for `evident ...argv` when no command matches: the command most likely meant
 * when one is close, else the commands that would have been understood. Pure.
 */
export function unknownCommandMessage(argv: readonly string[], commands: readonly Command[]): string {
  if (argv[0]!.startsWith('-')) {
    const typed = argv[0]!.split('=')[0]!;
    const suggestion = closestMatch(typed.replace(/^--?/, ''), ['help', 'version']);
    const unexpected = `Unexpected option \`${typed}\` for \`evident\``;
    return suggestion ? `${unexpected}. Did you mean \`evident --${suggestion}\`?` : `${unexpected}, expected a command before its options, or \`--help\` or \`--version\``;
  }
  const names = commands.map((command) => command.name);
  const first = argv[0]!;
  const pair = argv[1] === undefined || argv[1].startsWith('-') ? undefined : `${first} ${argv[1]}`;
  // `evident evidence colect`: the first word names a group of commands, the second is the mistake.
  const group = names.filter((name) => name.startsWith(`${first} `));
  let typed = group.length > 0 && pair ? pair : first;
  let suggestion = group.length > 0 ? pair && closestMatch(pair, group) : closestMatch(first, [...names.filter((name) => !name.includes(' ')), 'help']);
  if (!suggestion && group.length === 0 && pair) {
    // `evident evidense collect`: both words together.
    suggestion = closestMatch(pair, names.filter((name) => name.includes(' ')));
    if (suggestion) typed = pair;
  }
  if (suggestion) return `Unexpected command \`${typed}\`, expected a command such as \`${suggestion}\`. Did you mean \`evident ${suggestion}\`?`;
  return `Unexpected command \`${typed}\`, expected one of ${list(group.length > 0 ? group : names)}`;
}
