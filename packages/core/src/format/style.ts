/** Text styling for terminal output. The CLI passes colours when it decides to colour (a terminal, `NO_COLOR`, `FORCE_COLOR`); everything else gets `plainStyle`. */
export interface Style {
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  underline(text: string): string;
}

const same = (text: string) => text;
export const plainStyle: Style = { red: same, yellow: same, blue: same, green: same, dim: same, bold: same, underline: same };
