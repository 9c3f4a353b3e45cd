import type { Config } from 'jest';

// Node >= 24.9 with --experimental-vm-modules (set by `npm test`) loads the
// ESM-only NestJS 12 packages; @swc/jest compiles our TypeScript.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
  },
];

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/packages'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@creator-payouts/(prisma|stripe-mock|api-client|nestjs-stripe-connect)$': '<rootDir>/packages/$1/src/index.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
  globalSetup: '<rootDir>/apps/api-core/test/global-setup.ts',
  globalTeardown: '<rootDir>/apps/api-core/test/global-teardown.ts',
  // Bounds a test that hangs; generous because a loaded 2-core machine can take tens of seconds to boot an app process.
  testTimeout: 120_000,
  maxWorkers: 2,
  // Each worker exits as soon as its last suite ends (no handle is left open then: checked at jest-worker's end
  // message), but on a loaded 2-core machine the exit can be seen later than Jest's default 500 ms.
  workerGracefulExitTimeout: 5_000,
};

export default config;
