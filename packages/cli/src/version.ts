/** The Evident release, recorded in evidence provenance and bundle manifests. */
export const VERSION = '0.1.0';
