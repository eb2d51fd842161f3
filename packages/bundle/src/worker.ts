// `@evident/bundle/worker`: what it takes to build a bundle on a worker thread, without loading the
// bundle's libraries on the calling thread.
export * from './build-bundle-in-worker.js';
export * from './bundle-request.js';
export * from './bundle-summary.js';
export * from './model/describe-evidence-history.js';
export * from './read/bundle-scope-error.js';
export * from './read/evidence-history-error.js';
export * from './read/placeholders-error.js';
export * from './write/describe-progress.js';
export * from './write/evidence-changed-error.js';
