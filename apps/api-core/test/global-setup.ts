import { startStripeMock } from '@creator-payouts/stripe-mock';
import { checkPrograms } from './programs';

/**
 * Checks the programs some suites need (test/programs.ts: a missing one skips
 * its suites, said in a line here, or fails the run under CI=true), then
 * chooses the Stripe the e2e suite talks to: a real stripe-mock when
 * STRIPE_MOCK_URL is set, otherwise the project's stand-in, started once for
 * the whole run. Workers read both choices from the environment.
 */
export default async function globalSetup(): Promise<void> {
  const skipping = checkPrograms();
  const database = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite (in memory)';
  let stripe = `real stripe-mock at ${process.env.STRIPE_MOCK_URL}`;
  if (!process.env.STRIPE_MOCK_URL) {
    const mock = await startStripeMock();
    process.env.STRIPE_MOCK_URL = mock.url;
    (globalThis as { __STRIPE_MOCK__?: unknown }).__STRIPE_MOCK__ = mock;
    stripe = `stripe-mock stand-in at ${mock.url}`;
  }
  process.stdout.write(`\ne2e: Stripe = ${stripe}; database = ${database}\n${skipping}`);
}
