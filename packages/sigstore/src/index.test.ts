import { describe, expect, it } from '@jest/globals';
import * as api from './index.js';

/** The public API of `@evident/sigstore`, pinned: changing it is a deliberate edit of this list. */
const exported = ['GITHUB_ACTIONS_ISSUER', 'OidcTokenError', 'PUBLIC_GOOD_TUF_MIRROR', 'RELEASE_WORKFLOW', 'SIGSTORE_INSTANCES', 'SIGSTORE_INSTANCE_NAMES', 'SigstoreSettingError', 'TrustedRootError', 'TrustedRootFetchError', 'createKeylessSigner', 'describePolicy', 'describeTrustedRoot', 'fetchTrustedRoot', 'githubActionsTokenProvider', 'identityMismatches', 'isSigstoreInstanceName', 'keylessRecordVerifier', 'loadTrustedRoot', 'parseSigstoreBundle', 'parseTrustedRoots', 'shippedTrustedRootJson', 'shippedTrustedRoots', 'sigstoreEndpoints', 'trustedRootsWith', 'verifyBundleWithRoots', 'verifyReleaseAttestation', 'verifySignedBytes', 'workflowIdentity'];

describe('@evident/sigstore public API', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(api).sort()).toEqual(exported);
  });
});

describe('sigstoreEndpoints', () => {
  it('gives an instance\'s endpoints, with overrides for a private deployment', () => {
    expect(api.sigstoreEndpoints('github')).toEqual({ fulcio: 'https://fulcio.githubapp.com', tsa: 'https://timestamp.githubapp.com' });
    expect(api.sigstoreEndpoints('public-good', 'fulcio=https://fulcio.example.com/, rekor=http://127.0.0.1:8080')).toEqual({ fulcio: 'https://fulcio.example.com', rekor: 'http://127.0.0.1:8080' });
  });
  it('refuses plain http off loopback and unknown services, naming them', () => {
    expect(() => api.sigstoreEndpoints('github', 'tsa=http://tsa.example.com')).toThrow('Unexpected tsa URL `http://tsa.example.com`, expected https (http only on loopback)');
    expect(() => api.sigstoreEndpoints('github', 'ctlog=https://x')).toThrow('Unexpected Sigstore endpoint `ctlog=https://x`, expected fulcio=URL, rekor=URL or tsa=URL');
    expect(() => api.sigstoreEndpoints('github', 'fulcio=nope')).toThrow('Unexpected fulcio URL `nope`, expected an absolute URL');
  });
});
