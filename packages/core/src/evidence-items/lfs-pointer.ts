/**
 * Git LFS pointer files (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md): what Git
 * stores, and a checkout without `git lfs pull` leaves, in place of a large file's content.
 *
 *     version https://git-lfs.github.com/spec/v1
 *     oid sha256:4d7a2146…(64 hex digits)
 *     size 12345
 *
 * The `oid` is the SHA-256 of the content, so evidence metadata can be checked against a
 * pointer without downloading anything.
 */

/** The first line of every pointer file (the key and value, without the newline). */
export const LFS_VERSION_LINE = 'version https://git-lfs.github.com/spec/v1';

/** Git LFS never treats a file of this size or more as a pointer. */
export const LFS_POINTER_MAX_BYTES = 1024;

/** A valid pointer: the content's SHA-256 and size in bytes. */
export interface LfsPointer {
  oid: string;
  size: number;
}

/** A file that starts like a pointer but is not one: the first offending line (1-based) and why. */
export interface LfsPointerProblem {
  line: number;
  message: string;
}

export type LfsPointerReading = { pointer: LfsPointer; problem?: undefined } | { problem: LfsPointerProblem; pointer?: undefined };

const PREFIX = Buffer.from(LFS_VERSION_LINE);
const KEY = /^[a-z0-9.-]+$/;

/** Whether a file's bytes start with the pointer's version line (cheap: no decoding). */
export function looksLikeLfsPointer(bytes: Uint8Array): boolean {
  return bytes.length < LFS_POINTER_MAX_BYTES && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(0, PREFIX.length).equals(PREFIX);
}

/**
 * Read a pointer file. Undefined when the bytes do not start with the version line (ordinary
 * content); otherwise the pointer, or the first problem that keeps it from being one. Pure.
 */
export function readLfsPointer(bytes: Uint8Array): LfsPointerReading | undefined {
  if (!looksLikeLfsPointer(bytes)) return undefined;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const lines = text.split('\n');
  const last = lines.pop();
  const fail = (line: number, message: string): LfsPointerReading => ({ problem: { line, message } });
  if (last !== '') return fail(lines.length + 1, 'Unexpected end of the Git LFS pointer without a newline, expected every line to end with one');
  if (lines[0] !== LFS_VERSION_LINE) return fail(1, `Unexpected version line, expected \`${LFS_VERSION_LINE}\``);
  let oid: string | undefined;
  let size: number | undefined;
  let previous = '';
  for (let i = 1; i < lines.length; i += 1) {
    const line = lines[i]!;
    const space = line.indexOf(' ');
    const key = space > 0 ? line.slice(0, space) : line;
    const value = space > 0 ? line.slice(space + 1) : '';
    if (space <= 0 || !KEY.test(key)) return fail(i + 1, `Unexpected \`${clip(line)}\` in a Git LFS pointer, expected a line \`key value\``);
    if (key <= previous) return fail(i + 1, `Unexpected key \`${key}\` after \`${previous}\`, expected the keys of a Git LFS pointer in sorted order, each once`);
    previous = key;
    if (key === 'oid') {
      const match = /^sha256:([0-9a-f]{64})$/.exec(value);
      if (!match) return fail(i + 1, `Unexpected oid \`${clip(value)}\`, expected \`sha256:\` and 64 lowercase hex digits`);
      oid = match[1]!;
    } else if (key === 'size') {
      if (!/^(0|[1-9][0-9]{0,15})$/.test(value)) return fail(i + 1, `Unexpected size \`${clip(value)}\`, expected a number of bytes`);
      size = Number(value);
    }
  }
  if (oid === undefined) return fail(lines.length, 'Missing `oid` in a Git LFS pointer, expected a line `oid sha256:<64 hex digits>`');
  if (size === undefined) return fail(lines.length, 'Missing `size` in a Git LFS pointer, expected a line `size <bytes>`');
  return { pointer: { oid, size } };
}

/** A value shown in a message, kept short and free of backticks. */
function clip(value: string): string {
  const plain = value.replace(/[`\r]/g, '');
  return plain.length > 40 ? `${plain.slice(0, 40)}…` : plain;
}
