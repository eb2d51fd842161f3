/**
 * Builders of GitHub REST objects as the API serves them: every required field of the
 * official schemas is present, so the fake server's responses validate against them.
 */
export * from './pull-request-objects.js';
export * from './repository-objects.js';
