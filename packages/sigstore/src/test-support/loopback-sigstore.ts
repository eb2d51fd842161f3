import { createHash, createPrivateKey, generateKeyPairSync, sign as signBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fulcioHandler, initializeCA, initializeCTLog, initializeTLog, initializeTSA, rekorHandler, tsaHandler, type HandlerFn } from '@sigstore/mock';

/** The GitHub Actions OIDC claims a token carries (the mock Fulcio copies them into the certificate). */
export interface WorkflowClaims {
  repository: string;
  /** e.g. `refs/heads/main`. */
  ref: string;
  /** e.g. `.github/workflows/evidence.yml`. */
  workflow: string;
  /** The run's top-level workflow when `workflow` ran as a reusable workflow called by it (default: `workflow`). */
  caller?: string;
  run_id?: string;
  sha?: string;
  event_name?: string;
  issuer?: string;
}

export interface LoopbackSigstoreOptions {
  /** `github` (default): a CA without certificate transparency, and a timestamp authority; `public-good`: a CA logging to a CT log, and Rekor. */
  instance?: 'github' | 'public-good';
  /** The CA's clock: certificates are valid ten minutes from it (a past clock makes expired ones). */
  caClock?: Date;
}

/** A Sigstore stack on loopback, from @sigstore/mock: Fulcio, Rekor, a timestamp authority, and the runner's OIDC token service. */
export interface LoopbackSigstore {
  url: string;
  instance: 'github' | 'public-good';
  /** The endpoints to sign with: Fulcio and the timestamp authority (github) or Rekor (public-good). */
  endpoints: { fulcio: string; rekor?: string; tsa?: string };
  /** The same as the `sigstore-urls` input takes: `fulcio=URL tsa=URL`. */
  urls: string;
  /** The runner's token request URL and bearer (ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN). */
  oidc: { url: string; token: string };
  /** The claims the next tokens carry. */
  claims: WorkflowClaims;
  /** The stack's trusted root: CA and timestamp authority, no logs (github), or CA, Rekor and CT log (public-good). */
  trustedRoot(): Record<string, unknown>;
  /** Every request served, as `METHOD /path`. */
  requests: string[];
  close(): Promise<void>;
}

const b64 = (bytes: ArrayBufferView | Buffer) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const P256 = 'PKIX_ECDSA_P256_SHA_256';
const SINCE = { start: '2020-01-01T00:00:00Z' };

/** A JWT shaped like the runner's (signed with a throwaway key: the mock Fulcio decodes without verifying). */
function workflowToken(claims: WorkflowClaims): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: claims.issuer ?? 'https://token.actions.githubusercontent.com',
    aud: 'sigstore',
    sub: `repo:${claims.repository}:ref:${claims.ref}`,
    repository: claims.repository,
    repository_owner: claims.repository.split('/')[0],
    ref: claims.ref,
    sha: claims.sha ?? 'a'.repeat(40),
    workflow_ref: `${claims.repository}/${claims.caller ?? claims.workflow}@${claims.ref}`,
    job_workflow_ref: `${claims.repository}/${claims.workflow}@${claims.ref}`,
    event_name: claims.event_name ?? 'workflow_run',
    run_id: claims.run_id ?? '4242',
    run_attempt: '1',
    runner_environment: 'github-hosted',
    iat: now,
    nbf: now,
    exp: now + 300,
  };
  const header = enc({ alg: 'ES256', typ: 'JWT' });
  const key = createPrivateKey(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }));
  const body = `${header}.${enc(payload)}`;
  return `${body}.${signBytes('sha256', Buffer.from(body), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/**
 * Start the stack. The routes are the real services' (`/api/v2/signingCert`, `/api/v1/log/entries`,
 * `/api/v1/timestamp`), answered by @sigstore/mock's handlers; the token service checks the bearer.
 */
export async function startLoopbackSigstore(claims: WorkflowClaims, options: LoopbackSigstoreOptions = {}): Promise<LoopbackSigstore> {
  const ec = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const instance = options.instance ?? 'github';
  const ctlog = await initializeCTLog(ec());
  const ca = await initializeCA(ec(), instance === 'public-good' ? ctlog : undefined, options.caClock);
  // The mock authority writes milliseconds without trailing zeros (".12Z"), which verifiers refuse;
  // its clock is set before each request to the current second plus 111 ms.
  const tsaClock = new Date();
  const tsa = await initializeTSA(ec(), tsaClock);
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tlog = await initializeTLog(url, ec());
  const bearer = createHash('sha256').update(url).digest('hex');
  const routes = new Map<string, HandlerFn>([fulcioHandler(ca), rekorHandler(tlog), tsaHandler(tsa)].map((h) => [h.path, h.fn]));
  const state: LoopbackSigstore = {
    url,
    instance,
    endpoints: instance === 'github' ? { fulcio: url, tsa: url } : { fulcio: url, rekor: url },
    urls: instance === 'github' ? `fulcio=${url} tsa=${url}` : `fulcio=${url} rekor=${url}`,
    oidc: { url: `${url}/oidc/token?api-version=2.0`, token: bearer },
    claims,
    requests: [],
    trustedRoot() {
      const caEntry = { subject: { organization: 'sigstore.mock', commonName: 'sigstore' }, uri: url, certChain: { certificates: [{ rawBytes: b64(ca.rootCertificate) }] }, validFor: SINCE };
      const base = { mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1', certificateAuthorities: [caEntry] };
      if (instance === 'github') {
        return { ...base, tlogs: [], ctlogs: [], timestampAuthorities: [{ subject: { organization: 'sigstore.mock', commonName: 'tsa' }, uri: url, certChain: { certificates: [{ rawBytes: b64(tsa.intCertificate) }, { rawBytes: b64(tsa.rootCertificate) }] }, validFor: SINCE }] };
      }
      const logKey = (publicKey: Buffer, keyId: Buffer | ArrayBufferView) => ({ baseUrl: url, hashAlgorithm: 'SHA2_256', publicKey: { rawBytes: publicKey.toString('base64'), keyDetails: P256, validFor: SINCE }, logId: { keyId: b64(keyId) } });
      return { ...base, tlogs: [logKey(tlog.publicKey, createHash('sha256').update(tlog.publicKey).digest())], ctlogs: [logKey(ctlog.publicKey, ctlog.logID)], timestampAuthorities: [] };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  server.on('request', (req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0]!;
      state.requests.push(`${req.method} ${path}`);
      if (req.method === 'GET' && path === '/oidc/token') {
        const audience = new URL(req.url ?? '/', url).searchParams.get('audience');
        if (req.headers.authorization !== `Bearer ${bearer}` || audience !== 'sigstore') {
          res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"bad token request"}');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value: workflowToken(state.claims) }));
        return;
      }
      const handler = req.method === 'POST' ? routes.get(path) : undefined;
      if (!handler) {
        res.writeHead(404).end();
        return;
      }
      const body = await readBody(req);
      if (path === '/api/v1/timestamp') tsaClock.setTime(Math.floor(Date.now() / 1000) * 1000 + 111);
      const { statusCode, response, contentType } = await handler(body);
      res.writeHead(statusCode, { 'content-type': contentType ?? 'text/plain' }).end(typeof response === 'string' ? response : Buffer.from(response.buffer, response.byteOffset, response.byteLength));
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  return state;
}

/**
 * Sign an in-toto statement for `subjects` as `actions/attest` does (a DSSE envelope in a Sigstore
 * bundle), with the stack's current claims: the release attestation of a bundle.
 */
export async function attestWithStack(stack: LoopbackSigstore, subjects: { name: string; sha256: string }[], predicateType = 'https://slsa.dev/provenance/v1'): Promise<Record<string, unknown>> {
  const { DSSEBundleBuilder, FulcioSigner, RekorWitness, TSAWitness } = await import('@sigstore/sign');
  const { bundleToJSON } = await import('@sigstore/bundle');
  const { githubActionsTokenProvider } = await import('../github-token-provider.js');
  const identityProvider = githubActionsTokenProvider({ ACTIONS_ID_TOKEN_REQUEST_URL: stack.oidc.url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: stack.oidc.token }, () => undefined);
  const signer = new FulcioSigner({ identityProvider, fulcioBaseURL: stack.endpoints.fulcio });
  const witnesses = stack.endpoints.tsa ? [new TSAWitness({ tsaBaseURL: stack.endpoints.tsa })] : [new RekorWitness({ rekorBaseURL: stack.endpoints.rekor!, entryType: 'dsse' })];
  const statement = { _type: 'https://in-toto.io/Statement/v1', subject: subjects.map((s) => ({ name: s.name, digest: { sha256: s.sha256 } })), predicateType, predicate: { buildDefinition: { buildType: 'https://actions.github.io/buildtypes/workflow/v1' } } };
  const bundle = await new DSSEBundleBuilder({ signer, witnesses }).create({ data: Buffer.from(JSON.stringify(statement)), type: 'application/vnd.in-toto+json' });
  return bundleToJSON(bundle) as unknown as Record<string, unknown>;
}
