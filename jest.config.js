/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@kongchuo/shared/(.*)$': '<rootDir>/shared/src/$1',
    '^@kongchuo/gateway$': '<rootDir>/gateway/src',
    '^@kongchuo/reports$': '<rootDir>/reports/src',
    '^@kongchuo/demo$': '<rootDir>/demo/src',
    '^@kongchuo/identity$': '<rootDir>/identity/src',
    '^@kongchuo/(.*)$': '<rootDir>/subgraphs/$1/src',
  },
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/{shared,gateway,identity,subgraphs/*}/test/**/*.test.ts'],
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  // one worker: test files share one seeded system, and some of them write to it; files that read
  // district-wide figures must not see another file's half-finished scenario
  maxWorkers: 1,
};
