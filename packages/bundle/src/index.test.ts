import { describe, expect, it } from '@jest/globals';
import * as api from './index.js';

/** The public API of `@evident/bundle`, pinned: changing it is a deliberate edit of this list. */
const exported = [
  'ATTESTATION_MAX_BYTES',
  'BUNDLE_HEAP',
  'BundleHeapExceededError',
  'BundleOpenError',
  'BundleScopeError',
  'EvidenceChangedError',
  'EvidenceHistoryError',
  'MANIFEST',
  'PLACEHOLDER_RULE',
  'POLICY_LOG_FORMAT',
  'PlaceholdersError',
  'SUMS',
  'VERIFY_LIMITS',
  'ZipWriter',
  'acknowledgments',
  'bodyContext',
  'buildBundle',
  'buildBundleInWorker',
  'buildBundleView',
  'bundleFileName',
  'bundleOptions',
  'checkAttestation',
  'compressible',
  'defaultBundleWorker',
  'defaultRenderWorker',
  'describeEvidenceHistory',
  'describeProgress',
  'describeVerifyProgress',
  'evidenceEntries',
  'fillPlaceholders',
  'formatMiB',
  'linksInert',
  'parsePolicyLog',
  'parseSums',
  'placeholderFindings',
  'planBundle',
  'plannedBundle',
  'policyApprovals',
  'prepareEntry',
  'preparedFrom',
  'progressEveryTenth',
  'pullRequestOf',
  'readBundleInputs',
  'readEvidenceRecords',
  'readFirstParentLine',
  'readPolicyContents',
  'readPolicyHistory',
  'readPolicyVersionTexts',
  'readSourceCommit',
  'readWalkedEvidence',
  'renderBodiesHere',
  'renderBodiesInWorkers',
  'renderBody',
  'renderManifest',
  'renderMarkdown',
  'renderSums',
  'sanitizeSchema',
  'summarizeBundle',
  'summarizeCrossCheck',
  'verifyBundle',
  'verifyRecordFiles',
  'writeBundle',
];

describe('@evident/bundle', () => {
  it('exports exactly the pinned names', () => {
    expect(Object.keys(api).sort()).toEqual(exported);
  });

  it('keeps the pinned list sorted and free of repeats', () => {
    expect([...new Set(exported)].sort()).toEqual(exported);
  });

  it('defines every exported name: none is undefined (a re-export of a name the module does not have)', () => {
    expect(Object.entries(api).filter(([, value]) => value === undefined).map(([name]) => name)).toEqual([]);
  });
});
