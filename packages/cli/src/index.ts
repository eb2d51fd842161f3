export * from './cli-io.js';
export * from './command.js';
export * from './commands/registry.js';
export * from './exit-codes.js';
export * from './run-cli.js';
export * from './version.js';
export * from './help-text.js';
