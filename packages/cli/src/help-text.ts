import type { Command } from './command.js';

export function commandHelp(command: Command): string {
  const lines = [`Usage: ${command.usage}`, '', command.summary, '', 'Options:'];
  const entries = Object.entries(command.options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    return [flag, spec.description] as const;
  });
  entries.push(['-h, --help', 'Show this help.']);
  const width = Math.max(...entries.map(([flag]) => flag.length));
  for (const [flag, description] of entries) lines.push(`  ${flag.padEnd(width)}  ${description}`);
  if (command.details) lines.push('', command.details);
  return lines.join('\n') + '\n';
}

export function mainHelp(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length), '-v, --version'.length);
  return [
    `evident ${version}: SOC 2 compliance as code`,
    '',
    'Usage: evident <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    `  ${'-h, --help'.padEnd(width)}  Show this help.`,
    `  ${'-v, --version'.padEnd(width)}  Show the release and the commit it was built from.`,
    '',
    'Run `evident <command> --help` or `evident help <command>` for the options of a command, and',
    '`evident <group> --help` (such as `evident evidence --help`) for the commands of a group; a group',
    'named alone (`evident evidence`) prints the same and exits 2, as `evident` alone does.',
    'Exit codes: 0 success, 1 findings or a failed verification, 2 usage, configuration or internal error.',
    '',
  ].join('\n');
}

/**
 * The help of a group of commands, `evident <group> --help`: each command of the group (those
 * named `<group> ...`) with its summary and usage line.
 */
export function groupHelp(group: string, commands: readonly Command[]): string {
  const members = commands.filter((c) => c.name.startsWith(`${group} `));
  const width = Math.max(...members.map((c) => c.name.length), '-h, --help'.length);
  const indent = ' '.repeat(width + 4);
  return [
    `Usage: evident ${group} <command> [options]`,
    '',
    'Commands:',
    ...members.flatMap((c) => [`  ${c.name.padEnd(width)}  ${c.summary}`, `${indent}Usage: ${c.usage}`]),
    '',
    'Options:',
    `  ${'-h, --help'.padEnd(width)}  Show this help.`,
    '',
    `Run \`evident ${group} <command> --help\` for the options of a command.`,
    '',
  ].join('\n');
}
