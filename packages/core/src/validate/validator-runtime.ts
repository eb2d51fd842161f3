import equalModule from 'ajv/dist/runtime/equal.js';
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';

/**
 * The helpers that precompiled validators call (Ajv's runtime and ajv-formats' formats), as ES
 * module exports. Ajv's standalone code would `require` them; `scripts/write-validators.mjs`
 * points those calls here instead so the code loads the same way under Node and in a bundle.
 */
export { fullFormats } from 'ajv-formats/dist/formats.js';

/** A CommonJS module's default export, whichever interop the loader applied. */
function defaultExport<T>(module: unknown): T {
  return (typeof module === 'function' ? module : (module as { default: T }).default) as T;
}

export const ucs2length = defaultExport<(text: string) => number>(ucs2lengthModule);
export const equal = defaultExport<(a: unknown, b: unknown) => boolean>(equalModule);
