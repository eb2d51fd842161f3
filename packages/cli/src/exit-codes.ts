/** Process exit codes of every `evident` command (docs/cli.md). */
export const ExitCode = {
  /** Success: no error-level findings. */
  ok: 0,
  /** Findings at error level (or warnings with --strict), a failed verification, or missing evidence. */
  findings: 1,
  /** Usage, configuration or environment error, or an internal error. */
  usage: 2,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the user can fix by changing the command line or the environment. Printed without a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
