import type { Config } from 'jest';

// Node >= 24.9 with --experimental-vm-modules (set by `npm test`) loads the
// ESM-only NestJS 12 packages; @swc/jest compiles our TypeScript.
const swc: [string, Record<string, unknown>] = [
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

/** What every project shares: TypeScript through swc, the workspace packages from their sources, built output ignored. */
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@creator-payouts/(prisma|stripe-mock|api-client|nestjs-stripe-connect)$': '<rootDir>/packages/$1/src/index.ts',
    // The dev tree (apps/api-core/dev) imports the app by its package name: its sources here, its build at run time.
    '^@creator-payouts/api-core/(.*)$': '<rootDir>/apps/api-core/src/$1',
  },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
} satisfies Config;

/** The e2e and browser suites: the programs they need checked, and one Stripe for the run (test/global-setup.ts). */
const e2eSetup = {
  globalSetup: '<rootDir>/apps/api-core/test/global-setup.ts',
  globalTeardown: '<rootDir>/apps/api-core/test/global-teardown.ts',
} satisfies Config;

const BROWSER_SUITES = '<rootDir>/apps/creator-web/e2e/';

/**
 * Three projects: `unit` (`*.spec.ts`: no build, no server, seconds: `npm run test:unit`), `e2e` (`*.e2e-spec.ts`:
 * real apps, databases, Redis, the built app as processes) and `browser` (the web app in Chromium). `npm test`
 * builds and runs all three, as CI does.
 */
const config: Config = {
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/apps', '<rootDir>/packages'], testMatch: ['**/*.spec.ts'] },
    {
      ...shared,
      ...e2eSetup,
      displayName: 'e2e',
      roots: ['<rootDir>/apps', '<rootDir>/packages'],
      testMatch: ['**/*.e2e-spec.ts'],
      testPathIgnorePatterns: [BROWSER_SUITES],
    },
    { ...shared, ...e2eSetup, displayName: 'browser', roots: [BROWSER_SUITES], testMatch: ['**/*.e2e-spec.ts'] },
  ],
  // Bounds a test that hangs; generous because a loaded 2-core machine can take tens of seconds to boot an app process.
  testTimeout: 120_000,
  maxWorkers: 2,
  // Each worker exits as soon as its last suite ends (no handle is left open then: checked at jest-worker's end
  // message), but on a loaded 2-core machine the exit can be seen later than Jest's default 500 ms.
  workerGracefulExitTimeout: 5_000,
};

export default config;
