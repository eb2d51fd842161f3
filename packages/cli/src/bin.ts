#!/usr/bin/env node
import pc from 'picocolors';
import { colourEnabled } from './colour-enabled.js';
import { runCli } from './run-cli.js';

const colours = (isTTY: boolean | undefined) => pc.createColors(colourEnabled(process.env, isTTY));

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  style: colours(process.stdout.isTTY),
  errStyle: colours(process.stderr.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  now: () => new Date(),
});
process.exitCode = code;
