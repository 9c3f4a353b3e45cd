import { startStripeMock } from '@creator-payouts/stripe-mock';

/**
 * Chooses the Stripe the e2e suite talks to: a real stripe-mock when
 * STRIPE_MOCK_URL is set, otherwise the project's stand-in, started once for
 * the whole run. Workers read the choice from STRIPE_MOCK_URL.
 */
export default async function globalSetup(): Promise<void> {
  const database = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite (in memory)';
  if (process.env.STRIPE_MOCK_URL) {
    process.stdout.write(`\ne2e: Stripe = real stripe-mock at ${process.env.STRIPE_MOCK_URL}; database = ${database}\n`);
    return;
  }
  const mock = await startStripeMock();
  process.env.STRIPE_MOCK_URL = mock.url;
  (globalThis as { __STRIPE_MOCK__?: unknown }).__STRIPE_MOCK__ = mock;
  process.stdout.write(`\ne2e: Stripe = stripe-mock stand-in at ${mock.url}; database = ${database}\n`);
}
