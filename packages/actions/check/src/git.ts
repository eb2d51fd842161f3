import { spawn } from 'node:child_process';

/** Runs one git command in a fixed directory and resolves with its standard output. */
export type Git = (args: readonly string[], options?: { env?: Readonly<Record<string, string>>; input?: string }) => Promise<string>;

/** A git command that failed: its arguments and what git printed. */
export class GitError extends Error {
  override name = 'GitError';
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} failed (${exitCode ?? 'signal'}): ${stderr.trim().split('\n')[0] ?? ''}`);
  }
}

/** The git client of a directory: plain `git` processes, no shell, no pager, no prompts. */
export function createGit(cwd: string): Git {
  return (args, options = {}) =>
    new Promise((resolve, reject) => {
      const child = spawn('git', args, {
        cwd,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C', ...options.env },
        stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
        else reject(new GitError(args, code, Buffer.concat(err).toString('utf8')));
      });
      if (child.stdin) {
        // git may exit before reading all of its input; the exit code tells what happened.
        child.stdin.on('error', () => undefined);
        child.stdin.end(options.input);
      }
    });
}
