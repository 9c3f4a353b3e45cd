import type { StripeMock } from '@creator-payouts/stripe-mock';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __STRIPE_MOCK__?: StripeMock }).__STRIPE_MOCK__?.close();
}
