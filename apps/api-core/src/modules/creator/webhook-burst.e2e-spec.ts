import { StripeAccountStatus } from '@creator-payouts/prisma';
import { seededRandom } from '../../../test/random';
import { connectEvent, signed } from '../../../test/stripe-events';
import { createCreator, startTestApp, type TestApp } from '../../../test/test-app';
import { accountStateUpdate } from './account-state';

const WEBHOOK = '/api/v1/webhooks/stripe';
const ACCOUNTS = 20;
const EVENTS_PER_ACCOUNT = 20;
const DUPLICATES = 100;
const CONCURRENCY = 25;

describe('Webhook burst: 500 signed deliveries, duplicates and shuffled order', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('ends in the same database state as the events applied once, in order', async () => {
    const next = seededRandom(20261122);
    const creators = await Promise.all(Array.from({ length: ACCOUNTS }, () => createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING })));
    const start = Math.floor(Date.now() / 1000) - 10_000;

    const events = creators.flatMap((creator) =>
      Array.from({ length: EVENTS_PER_ACCOUNT }, (_, k) => {
        const created = start + k * 10;
        if (next() < 0.1) return connectEvent('account.application.deauthorized', creator.stripeAccountId!, { created });
        return connectEvent('account.updated', creator.stripeAccountId!, {
          created,
          account: { charges_enabled: next() < 0.5, payouts_enabled: next() < 0.5, details_submitted: next() < 0.5, disabled_reason: next() < 0.1 ? 'rejected.fraud' : null },
        });
      }),
    );
    const deliveries = [...events, ...Array.from({ length: DUPLICATES }, () => events[Math.floor(next() * events.length)])]
      .map((event) => ({ order: next(), event }))
      .sort((a, b) => a.order - b.order)
      .map(({ event }) => signed(event));
    expect(deliveries).toHaveLength(ACCOUNTS * EVENTS_PER_ACCOUNT + DUPLICATES);

    const statuses: number[] = [];
    for (let i = 0; i < deliveries.length; i += CONCURRENCY) {
      const batch = deliveries.slice(i, i + CONCURRENCY);
      const answers = await Promise.all(
        batch.map(({ body, signature }) => t.http.post(WEBHOOK).set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(body)),
      );
      statuses.push(...answers.map((res) => res.status));
    }
    expect(statuses.every((status) => status === 200)).toBe(true);

    // The reference: each account's events applied once, oldest first; the newest decides.
    for (const creator of creators) {
      const newest = events.filter((event) => event.account === creator.stripeAccountId).at(-1)!;
      const expected =
        newest.type === 'account.application.deauthorized'
          ? { stripeAccountStatus: 'DISABLED', stripeChargesEnabled: false, stripePayoutsEnabled: false }
          : accountStateUpdate(newest.data.object as Parameters<typeof accountStateUpdate>[0]);
      expect(await t.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.userId } })).toMatchObject(expected);
    }
    expect(await t.prisma.stripeWebhookEvent.count({ where: { id: { in: events.map((event) => event.id) } } })).toBe(events.length);
  }, 120_000);
});
