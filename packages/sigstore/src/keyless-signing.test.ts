import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { identityMismatches, type IdentityPolicy } from './identity-policy.js';
import { createKeylessSigner } from './keyless-signer.js';
import { githubActionsTokenProvider, OidcTokenError } from './github-token-provider.js';
import { loadTrustedRoot, parseTrustedRoots, shippedTrustedRoots, TrustedRootError } from './trusted-roots.js';
import { verifySignedBytes } from './verify-sigstore-bundle.js';
import { startLoopbackSigstore, type LoopbackSigstore } from './test-support/loopback-sigstore.js';

const claims = { repository: 'acme/compliance', ref: 'refs/heads/main', workflow: '.github/workflows/evidence.yml' };
const policy: IdentityPolicy = { repository: 'acme/compliance', workflow: '.github/workflows/evidence.yml', ref: 'refs/heads/main' };
const bytes = Buffer.from('{"id":"approval/acme/1","hash":"00"}');

describe('keyless signing against a loopback Sigstore', () => {
  let stack: LoopbackSigstore;
  const masked: string[] = [];
  const identity = () => githubActionsTokenProvider({ ACTIONS_ID_TOKEN_REQUEST_URL: stack.oidc.url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: stack.oidc.token }, (s) => masked.push(s));
  beforeAll(async () => {
    stack = await startLoopbackSigstore({ ...claims });
  });
  afterAll(() => stack.close());

  it('signs with Fulcio and the timestamp authority (github) and verifies offline, with the workflow identity', async () => {
    const sign = createKeylessSigner({ endpoints: stack.endpoints, identity: identity() });
    const bundle = await sign(bytes);
    expect(bundle.verificationMaterial.tlogEntries ?? []).toHaveLength(0);
    expect(bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps).toHaveLength(1);
    const verdict = verifySignedBytes(bundle, bytes, [loadTrustedRoot(stack.trustedRoot(), 'mock github')]);
    expect(verdict.status).toBe('verified');
    if (verdict.status !== 'verified') return;
    expect(verdict.identity).toMatchObject({ issuer: 'https://token.actions.githubusercontent.com', subject: 'https://github.com/acme/compliance/.github/workflows/evidence.yml@refs/heads/main', repository: 'https://github.com/acme/compliance', ref: 'refs/heads/main', run: 'https://github.com/acme/compliance/actions/runs/4242/attempts/1' });
    expect(identityMismatches(verdict.identity, policy)).toEqual([]);
    expect(Date.parse(verdict.signedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    // The bearer and the identity token were handed to the mask.
    expect(masked).toContain(stack.oidc.token);
    expect(masked.some((m) => m.split('.').length === 3)).toBe(true);
  });

  it('signs with Fulcio and Rekor (public-good) and verifies with the log entry and SCT', async () => {
    const good = await startLoopbackSigstore({ ...claims }, { instance: 'public-good' });
    try {
      const sign = createKeylessSigner({ endpoints: good.endpoints, identity: githubActionsTokenProvider({ ACTIONS_ID_TOKEN_REQUEST_URL: good.oidc.url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: good.oidc.token }, () => undefined) });
      const bundle = await sign(bytes);
      expect(bundle.verificationMaterial.tlogEntries).toHaveLength(1);
      expect(verifySignedBytes(bundle, bytes, [loadTrustedRoot(good.trustedRoot(), 'mock public-good')]).status).toBe('verified');
      // Another stack's root (GitHub-like) vouches for neither its CA nor its log.
      expect(verifySignedBytes(bundle, bytes, [loadTrustedRoot(stack.trustedRoot(), 'mock github')])).toMatchObject({ status: 'untrusted', message: expect.stringContaining('mock github') });
    } finally {
      await good.close();
    }
  });

  it('asks Fulcio once for many signatures', async () => {
    const before = stack.requests.filter((r) => r.endsWith('/signingCert')).length;
    const sign = createKeylessSigner({ endpoints: stack.endpoints, identity: identity() });
    const bundles = await Promise.all([1, 2, 3].map((n) => sign(Buffer.from(`record ${n}`))));
    await sign(Buffer.from('record 4'));
    expect(stack.requests.filter((r) => r.endsWith('/signingCert')).length - before).toBeLessThanOrEqual(3);
    const root = [loadTrustedRoot(stack.trustedRoot(), 'mock')];
    bundles.forEach((b, i) => expect(verifySignedBytes(b, Buffer.from(`record ${i + 1}`), root)).toMatchObject({ status: 'verified' }));
  });

  it('names other bytes, another identity, and an untrusted CA', async () => {
    const sign = createKeylessSigner({ endpoints: stack.endpoints, identity: identity() });
    const bundle = await sign(bytes);
    const root = [loadTrustedRoot(stack.trustedRoot(), 'mock')];
    expect(verifySignedBytes(bundle, Buffer.from(`${bytes} `), root)).toMatchObject({ status: 'bad-signature' });
    expect(verifySignedBytes(bundle, bytes, shippedTrustedRoots())).toMatchObject({ status: 'untrusted' });
    expect(verifySignedBytes({ mediaType: 'nonsense' }, bytes, root)).toMatchObject({ status: 'invalid' });
    const verdict = verifySignedBytes(bundle, bytes, root);
    if (verdict.status !== 'verified') throw new Error(verdict.message);
    expect(identityMismatches(verdict.identity, { ...policy, workflow: '.github/workflows/other.yml' })).toEqual([expect.stringContaining('signed by workflow `https://github.com/acme/compliance/.github/workflows/evidence.yml`')]);
    expect(identityMismatches(verdict.identity, { ...policy, ref: 'refs/heads/release' })).toHaveLength(2);
    expect(identityMismatches(verdict.identity, { ...policy, repository: 'acme/other' })[0]).toContain('signed in repository `https://github.com/acme/compliance`, expected `https://github.com/acme/other`');
  });

  it('names a run whose top-level workflow called the signing workflow as a reusable one', async () => {
    stack.claims = { ...claims, caller: '.github/workflows/mallory.yml' };
    try {
      const sign = createKeylessSigner({ endpoints: stack.endpoints, identity: identity() });
      const verdict = verifySignedBytes(await sign(bytes), bytes, [loadTrustedRoot(stack.trustedRoot(), 'mock')]);
      if (verdict.status !== 'verified') throw new Error(verdict.message);
      expect(verdict.identity.subject).toBe('https://github.com/acme/compliance/.github/workflows/evidence.yml@refs/heads/main');
      expect(identityMismatches(verdict.identity, policy)).toEqual(['run started by workflow `https://github.com/acme/compliance/.github/workflows/mallory.yml@refs/heads/main`, expected the signing workflow itself']);
    } finally {
      stack.claims = { ...claims };
    }
  });

  it('refuses a certificate that expired before its timestamp', async () => {
    const old = await startLoopbackSigstore({ ...claims }, { caClock: new Date(Date.now() - 60 * 60 * 1000) });
    try {
      const sign = createKeylessSigner({ endpoints: old.endpoints, identity: githubActionsTokenProvider({ ACTIONS_ID_TOKEN_REQUEST_URL: old.oidc.url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: old.oidc.token }, () => undefined), now: () => new Date(Date.now() - 60 * 60 * 1000) });
      const verdict = verifySignedBytes(await sign(bytes), bytes, [loadTrustedRoot(old.trustedRoot(), 'mock')]);
      expect(verdict).toMatchObject({ status: 'untrusted' });
    } finally {
      await old.close();
    }
  });

  it('says why there is no token, never echoing one', async () => {
    await expect(githubActionsTokenProvider({}, () => undefined).getToken()).rejects.toThrow(new OidcTokenError('no OIDC token: the job needs `permissions: id-token: write`'));
    const wrong = githubActionsTokenProvider({ ACTIONS_ID_TOKEN_REQUEST_URL: stack.oidc.url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'not-the-bearer' }, () => undefined);
    await expect(wrong.getToken()).rejects.toThrow("the runner's OIDC token service answered HTTP 401");
  });
});

describe('trusted roots', () => {
  it('ships the public-good root', () => {
    const [root] = shippedTrustedRoots();
    expect(root?.authorities).toEqual(['fulcio.sigstore.dev']);
    expect(root?.thresholds).toEqual({ tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 });
  });
  it('reads JSON Lines and names the line of a bad one', async () => {
    const stack = await startLoopbackSigstore(claims);
    const good = await startLoopbackSigstore(claims, { instance: 'public-good' });
    await good.close();
    try {
      const lines = `${JSON.stringify(stack.trustedRoot())}\n${JSON.stringify(good.trustedRoot())}\n`;
      expect(parseTrustedRoots(lines, 'roots.jsonl').map((r) => r.source)).toEqual(['roots.jsonl:1', 'roots.jsonl:2']);
      expect(() => parseTrustedRoots(`${lines}{oops\n`, 'roots.jsonl')).toThrow(new TrustedRootError('roots.jsonl:3: not JSON, expected a Sigstore trusted root per line'));
      expect(() => parseTrustedRoots('{"mediaType":"x"}', 'r.json')).toThrow(TrustedRootError);
      expect(() => parseTrustedRoots('', 'r.json')).toThrow('r.json: empty');
    } finally {
      await stack.close();
    }
  });
});
