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
    '^@creator-payouts/(prisma|stripe-mock|api-client)$': '<rootDir>/packages/$1/src/index.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
  globalSetup: '<rootDir>/apps/api-core/test/global-setup.ts',
  globalTeardown: '<rootDir>/apps/api-core/test/global-teardown.ts',
  testTimeout: 30_000,
  maxWorkers: 2,
};

export default config;
