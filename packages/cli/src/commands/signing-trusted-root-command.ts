import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Command } from '../command.js';
import { formatOption, pickFormat } from '../common-options.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { writeJson } from '../write-json.js';

const formats = ['text', 'json'] as const;
const DEFAULT_OUT = 'sigstore-trusted-root.json';

export const signingTrustedRootCommand: Command = {
  name: 'signing trusted-root',
  summary: 'Show the Sigstore trusted root shipped with Evident, or fetch the current one through TUF into a file for --trusted-root.',
  usage: 'evident signing trusted-root [--update [--out FILE] [--mirror URL --tuf-root FILE]] [--format text|json]',
  options: {
    update: { type: 'boolean', description: 'Fetch the current trusted root through TUF (network) and write it to --out.' },
    out: { type: 'string', value: 'FILE', description: `Where --update writes the trusted root (default: ${DEFAULT_OUT}); replaced only once the new one is verified.` },
    mirror: { type: 'string', value: 'URL', description: 'The TUF repository to fetch from (default: Sigstore\'s public-good mirror, https://tuf-repo-cdn.sigstore.dev).' },
    'tuf-root': { type: 'string', value: 'FILE', description: 'The TUF root metadata (root.json) to start from; required with --mirror. The public-good mirror starts from the root Sigstore\'s client ships.' },
    format: formatOption(formats),
  },
  details: [
    'Keyless signatures (records signed through Sigstore, release attestations) are verified offline against trusted roots: the',
    'public-good root ships with Evident and is refreshed with each release. When Sigstore rotates its keys before then, `--update`',
    'fetches the current root through TUF (each metadata file verified from the starting root) and writes it for `--trusted-root`.',
    'GitHub\'s own instance, which signs for private repositories, has a root of its own: `gh attestation trusted-root` prints it.',
    'Exit codes: 0 shown or written, 2 usage error, or the root cannot be fetched or verified (nothing is written then).',
  ].join('\n'),
  async run({ values }, io) {
    const format = pickFormat(values.format, formats);
    const sigstore = await import('@evident/sigstore');
    if (values.update !== true) {
      for (const name of ['out', 'mirror', 'tuf-root']) if (values[name] !== undefined) throw new UsageError(`Unexpected --${name} without --update`);
      const lines = sigstore.describeTrustedRoot(sigstore.shippedTrustedRootJson());
      if (format === 'json') writeJson(io, { shipped: [{ source: 'public-good', authorities: lines }] });
      else io.stdout(`Shipped with Evident: Sigstore public-good trusted root\n${lines.map((l) => `  ${l}\n`).join('')}Others (GitHub's instance, a refreshed root) are given with --trusted-root FILE.\n`);
      return ExitCode.ok;
    }
    const mirror = typeof values.mirror === 'string' ? values.mirror : undefined;
    const tufRoot = typeof values['tuf-root'] === 'string' ? path.resolve(io.cwd, values['tuf-root']) : undefined;
    if (mirror && !tufRoot) throw new UsageError('Unexpected --mirror without --tuf-root, expected the TUF root metadata (root.json) the mirror is verified from');
    const out = path.resolve(io.cwd, typeof values.out === 'string' ? values.out : DEFAULT_OUT);
    const cache = await mkdtemp(path.join(os.tmpdir(), 'evident-tuf-'));
    io.stderr(`Fetching the trusted root through TUF from ${mirror ?? sigstore.PUBLIC_GOOD_TUF_MIRROR}\n`);
    try {
      let json: Record<string, unknown>;
      try {
        json = await sigstore.fetchTrustedRoot({ cachePath: cache, ...(mirror ? { mirrorURL: mirror } : {}), ...(tufRoot ? { tufRootPath: tufRoot } : {}), timeout: 15_000 });
        sigstore.loadTrustedRoot(json, mirror ?? sigstore.PUBLIC_GOOD_TUF_MIRROR);
      } catch (error) {
        if (error instanceof sigstore.TrustedRootFetchError || error instanceof sigstore.TrustedRootError) {
          io.stderr(`${io.errStyle.red('error')} ${error.message}. Nothing was written.\n`);
          return ExitCode.usage;
        }
        throw error;
      }
      const partial = `${out}.partial`;
      await writeFile(partial, `${JSON.stringify(json, null, 2)}\n`);
      await rename(partial, out);
      const lines = sigstore.describeTrustedRoot(json);
      if (format === 'json') writeJson(io, { written: out, authorities: lines });
      else io.stdout(`Wrote ${path.relative(io.cwd, out) || out}\n${lines.map((l) => `  ${l}\n`).join('')}Pass it to verification with --trusted-root ${path.relative(io.cwd, out) || out}.\n`);
      return ExitCode.ok;
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  },
};
