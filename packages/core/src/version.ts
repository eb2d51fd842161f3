/** The Evident release: recorded in evidence provenance and bundle manifests, and printed by `--version`. Raise it with the package versions (a test holds them together). */
export const EVIDENT_VERSION = '0.1.0';
