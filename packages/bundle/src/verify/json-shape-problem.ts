const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Why JSON bytes should not be parsed, or undefined: arrays and objects nested deeper than
 * `maxDepth` (code that walks the value recursively would run out of stack) or more of them than
 * `maxContainers` (each costs memory out of proportion to its bytes). One pass over the bytes, no
 * parsing; strings are skipped. Pure.
 */
export function jsonShapeProblem(file: string, bytes: Uint8Array, limits: { maxDepth: number; maxContainers?: number }): string | undefined {
  let depth = 0;
  let containers = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i]!;
    if (inString) {
      if (b === BACKSLASH) i += 1;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (OPEN.has(b)) {
      depth += 1;
      containers += 1;
      if (depth > limits.maxDepth) return `Unexpected nesting deeper than ${limits.maxDepth} levels in \`${file}\`, expected at most ${limits.maxDepth}`;
      if (limits.maxContainers !== undefined && containers > limits.maxContainers) {
        return `Unexpected more than ${limits.maxContainers.toLocaleString('en-US')} arrays and objects in \`${file}\`, expected at most one per file listed`;
      }
    } else if (CLOSE.has(b)) depth -= 1;
  }
  return undefined;
}
