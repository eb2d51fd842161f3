export * from './github-token-provider.js';
export * from './identity-policy.js';
export * from './keyless-signer.js';
export * from './sigstore-instance.js';
export * from './trusted-roots.js';
export * from './verify-release-attestation.js';
export * from './verify-sigstore-bundle.js';
export * from './workflow-identity.js';
