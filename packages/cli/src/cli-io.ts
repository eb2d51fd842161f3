import type { Style } from '@evident/core';

/** Everything a command may touch of the outside world, passed in so commands stay testable. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Working directory: the default repository root. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Styling for stdout: colours as `colourEnabled` decides (a terminal, NO_COLOR, FORCE_COLOR), plain otherwise. */
  style: Style;
  /** Styling for stderr (progress, errors). */
  errStyle: Style;
  /** Whether stderr is a terminal (progress lines redraw in place). */
  stderrIsTTY: boolean;
  now(): Date;
}
