/** The Evident release, recorded in evidence provenance and bundle manifests (one value, kept in core). */
export { EVIDENT_VERSION as VERSION } from '@evident/core';
