import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
// The modules, not the package's entry: that one loads nock, which takes over every HTTP request of the process.
import { tufHandlers } from '@tufjs/repo-mock/dist/handler.js';
import { initializeTUFRepo } from '@tufjs/repo-mock/dist/repo.js';

/** A TUF repository on loopback (metadata signed by @tufjs/repo-mock) serving `trusted_root.json`. */
export interface LoopbackTuf {
  url: string;
  /** The repository's root metadata, the starting point a client is given (`--tuf-root`). */
  rootJson: string;
  /** Serve other bytes than the signed targets metadata names for the target (a compromised mirror). */
  tamper(content: string): void;
  close(): Promise<void>;
}

export async function startLoopbackTuf(trustedRoot: string): Promise<LoopbackTuf> {
  const repo = initializeTUFRepo([{ name: 'trusted_root.json', content: trustedRoot }]);
  const handlers = new Map(tufHandlers(repo, { metadataPathPrefix: '', targetPathPrefix: '/targets' }).map((h) => [h.path, h.fn]));
  let tampered: string | undefined;
  const server = createServer((req, res) => {
    const route = (req.url ?? '/').split('?')[0]!;
    // Consistent snapshots: targets are fetched as `<sha256>.<name>`.
    const target = /^\/targets\/(?:[0-9a-f]{64}\.)?(.+)$/.exec(route);
    const fn = handlers.get(target ? `/targets/${target[1]}` : route);
    if (!fn) {
      res.writeHead(404).end();
      return;
    }
    const { statusCode, response, contentType } = fn();
    res.writeHead(statusCode, { 'content-type': contentType ?? 'application/octet-stream' }).end(target && tampered !== undefined ? tampered : response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    rootJson: JSON.stringify(repo.rootMeta.toJSON()),
    tamper: (content) => {
      tampered = content;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
