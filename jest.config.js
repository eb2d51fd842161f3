/** Jest in native ESM mode (run through `npm test`, which sets --experimental-vm-modules). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@evident/(core|github|sigstore|bundle|cli)$': '<rootDir>/packages/$1/src/index.ts',
    '^@evident/bundle/worker$': '<rootDir>/packages/bundle/src/worker.ts',
    '^@evident/bundle/policy-contents$': '<rootDir>/packages/bundle/src/read/read-policy-contents.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
  testMatch: ['<rootDir>/packages/**/src/**/*.test.ts', '<rootDir>/scripts/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/lib/'],
  testTimeout: 60000,
};
