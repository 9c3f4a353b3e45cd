import { randomBytes } from 'node:crypto';
import { StripeAccountApi, StripeAccountStatus } from '@creator-payouts/prisma';
import { startStripeMock, type StripeMock, v2AccountFields } from '@creator-payouts/stripe-mock';
import { seededRandom } from '../../../test/random';
import { connectEvent, signed } from '../../../test/stripe-events';
import { createCreator, startTestApp, type TestApp } from '../../../test/test-app';
import { type AccountFields, stripeAccountFields } from '../../../dev/src/connect-events';

const WEBHOOK = '/api/v1/webhooks/stripe';
const ACCOUNTS = 20;
const CHANGES_PER_ACCOUNT = 20;
const DUPLICATES = 100;
const CONCURRENCY = 25;
/** Stripe redelivers a refused event; here a few rounds, back to back. */
const DELIVERY_ROUNDS = 5;

/** The contract's status table, written out here again so that the expected state does not come from the code under test. */
function expectedState(account: Required<AccountFields>) {
  const status = account.disabled_reason?.startsWith('rejected.')
    ? 'DISABLED'
    : account.charges_enabled && account.payouts_enabled
      ? 'ACTIVE'
      : !account.details_submitted
        ? 'PENDING'
        : 'RESTRICTED';
  return { stripeAccountStatus: status, stripeChargesEnabled: account.charges_enabled, stripePayoutsEnabled: account.payouts_enabled };
}

/**
 * Stripe's side is modelled as it works: each account goes through a history
 * of changes, each change sends one event carrying the account as it was then,
 * `created` has whole seconds (so changes often share one), the stand-in holds
 * the account as it is now, and a refused delivery is delivered again. A
 * quarter of the creators have not stored their account id yet (initiate in
 * flight) when its events arrive.
 */
describe('Webhook burst: signed deliveries with duplicates, shuffled order, same-second events and early events', () => {
  let stripe: StripeMock;
  let t: TestApp;

  beforeAll(async () => {
    stripe = await startStripeMock({ stateful: true });
    t = await startTestApp({ STRIPE_API_BASE: stripe.url });
  });
  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  it("v1 snapshot events (500 deliveries): every creator ends with Stripe's current state of their account", async () => {
    const next = seededRandom(20261123);
    const change = (): Required<AccountFields> => ({
      charges_enabled: next() < 0.5,
      payouts_enabled: next() < 0.5,
      details_submitted: next() < 0.5,
      disabled_reason: next() < 0.1 ? 'rejected.fraud' : null,
    });
    const start = Math.floor(Date.now() / 1000) - 10_000;

    const accounts = await Promise.all(
      Array.from({ length: ACCOUNTS }, async (_, index) => {
        const early = index % 4 === 0;
        const accountId = `acct_${randomBytes(8).toString('hex')}`;
        const creator = await createCreator(t.prisma, { stripeAccountId: early ? null : accountId, stripeAccountStatus: StripeAccountStatus.PENDING });
        // An early creator's initiate is still waiting for Stripe: its claim holds the creation's key.
        if (early)
          await t.prisma.creatorProfile.update({ where: { userId: creator.userId }, data: { stripeAccountIdempotencyKey: `connect-account-${index}` } });
        const metadata = { platformUserId: creator.userId };
        let second = start;
        const history = Array.from({ length: CHANGES_PER_ACCOUNT }, (_, k) => {
          if (k > 0 && next() >= 0.4) second += 1 + Math.floor(next() * 5);
          return { created: second, account: change() };
        });
        const now = history.at(-1)!.account;
        stripe.putAccount({ id: accountId, metadata, ...stripeAccountFields(now) });
        const events = history.map(({ created, account }) => connectEvent('account.updated', accountId, { created, account, metadata }));
        // Some platforms lose an account at the end, in the same second as its last change.
        const deauthorized = !early && next() < 0.25;
        if (deauthorized) events.push(connectEvent('account.application.deauthorized', accountId, { created: second }));
        const expected = deauthorized ? { stripeAccountStatus: 'DISABLED', stripeChargesEnabled: false, stripePayoutsEnabled: false } : expectedState(now);
        return { creator, accountId, events, expected };
      }),
    );
    const events = accounts.flatMap((account) => account.events);
    let pending = [...events, ...Array.from({ length: DUPLICATES }, () => events[Math.floor(next() * events.length)])]
      .map((event) => ({ order: next(), event }))
      .sort((a, b) => a.order - b.order)
      .map(({ event }) => event);
    expect(pending.length).toBeGreaterThanOrEqual(ACCOUNTS * CHANGES_PER_ACCOUNT + DUPLICATES);

    const refusals: number[] = [];
    for (let round = 0; round < DELIVERY_ROUNDS && pending.length > 0; round += 1) {
      const refused: typeof pending = [];
      for (let i = 0; i < pending.length; i += CONCURRENCY) {
        const batch = pending.slice(i, i + CONCURRENCY);
        const answers = await Promise.all(
          batch.map((event) => {
            const { body, signature } = signed(event);
            return t.http.post(WEBHOOK).set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(body);
          }),
        );
        answers.forEach((res, k) => {
          if (res.status === 200) return;
          refusals.push(res.status);
          refused.push(batch[k]);
        });
      }
      pending = refused;
    }
    expect(pending).toEqual([]);
    // A refusal may only be "try again later".
    expect(refusals.filter((status) => status !== 503)).toEqual([]);

    for (const { creator, accountId, expected } of accounts) {
      expect(await t.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.userId } })).toMatchObject({ stripeAccountId: accountId, ...expected });
    }
    expect(await t.prisma.stripeWebhookEvent.count({ where: { id: { in: events.map((event) => event.id) } } })).toBe(events.length);
  }, 120_000);

  it("thin events (v2 accounts): the account changes while its events arrive shuffled, duplicated, some refused while Stripe fails; every creator ends with Stripe's current state", async () => {
    const next = seededRandom(20261204);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const STEPS = 8;
    const states = ['onboarding', 'pending_verification', 'active', 'restricted', 'rejected'] as const;
    // The contract's v2 table for these states, written out so the expectation does not come from the code under test.
    const EXPECTED = {
      onboarding: { stripeAccountStatus: 'PENDING', stripePayoutsEnabled: false },
      pending_verification: { stripeAccountStatus: 'PENDING', stripePayoutsEnabled: false },
      active: { stripeAccountStatus: 'ACTIVE', stripePayoutsEnabled: true },
      restricted: { stripeAccountStatus: 'RESTRICTED', stripePayoutsEnabled: false },
      rejected: { stripeAccountStatus: 'DISABLED', stripePayoutsEnabled: false },
    } as const;
    const types = [
      'v2.core.account[requirements].updated',
      'v2.core.account[configuration.recipient].capability_status_updated',
      'v2.core.account[configuration.recipient].updated',
      'v2.core.account.updated',
    ];

    const accounts = await Promise.all(
      Array.from({ length: ACCOUNTS }, async (_, index) => {
        const early = index % 4 === 0;
        const accountId = `acct_${randomBytes(8).toString('hex')}`;
        const creator = await createCreator(t.prisma, {
          stripeAccountId: early ? null : accountId,
          stripeAccountStatus: StripeAccountStatus.PENDING,
          stripeAccountApi: StripeAccountApi.V2,
        });
        if (early) {
          await t.prisma.creatorProfile.update({
            where: { userId: creator.userId },
            data: { stripeAccountIdempotencyKey: `connect-account-thin-${index}`, stripeAccountApi: StripeAccountApi.V2 },
          });
        }
        const history = Array.from({ length: STEPS }, () => pick(states));
        return { creator, accountId, metadata: { platformUserId: creator.userId }, history };
      }),
    );

    const ids: string[] = [];
    let pending: object[] = [];
    const refusals: number[] = [];
    const deliver = async (batch: object[]) => {
      const answers = await Promise.all(
        batch.map((thin) => {
          const { body, signature } = signed(thin);
          return t.http.post(WEBHOOK).set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(body);
        }),
      );
      return batch.filter((_, k) => {
        if (answers[k].status === 200) return false;
        refusals.push(answers[k].status);
        return true;
      });
    };
    for (let step = 0; step < STEPS; step += 1) {
      // Stripe's accounts change, and each change sends a thin event (now and then twice).
      for (const { accountId, metadata, history } of accounts) {
        stripe.putAccount({ id: accountId, metadata, ...v2AccountFields(history[step]) });
        const thin = stripe.thinEvent(pick(types), accountId);
        ids.push((thin as { id: string }).id);
        pending.push(thin);
        if (next() < 0.25) pending.push(thin);
      }
      // Some of what is pending arrives now, in any order; on every other step Stripe's API fails meanwhile.
      pending = pending
        .map((thin) => ({ order: next(), thin }))
        .sort((a, b) => a.order - b.order)
        .map(({ thin }) => thin);
      const now = pending.splice(0, Math.ceil(pending.length / 2));
      if (step % 2 === 1) stripe.setFault('server_error', { operation: 'retrieveAccount' });
      const refused = await deliver(now.slice(0, CONCURRENCY));
      stripe.setFault(null);
      pending.push(...refused, ...(await deliver(now.slice(CONCURRENCY, 2 * CONCURRENCY))), ...now.slice(2 * CONCURRENCY));
    }
    expect(refusals.length).toBeGreaterThan(0);
    for (let round = 0; round < DELIVERY_ROUNDS && pending.length > 0; round += 1) {
      const refused: object[] = [];
      for (let i = 0; i < pending.length; i += CONCURRENCY) refused.push(...(await deliver(pending.slice(i, i + CONCURRENCY))));
      pending = refused;
    }
    expect(pending).toEqual([]);
    expect(refusals.filter((status) => status !== 503)).toEqual([]);

    for (const { creator, accountId, history } of accounts) {
      expect(await t.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.userId } })).toMatchObject({
        stripeAccountId: accountId,
        stripeChargesEnabled: false,
        ...EXPECTED[history.at(-1)!],
      });
    }
    expect(await t.prisma.stripeWebhookEvent.count({ where: { id: { in: ids } } })).toBe(ids.length);
  }, 120_000);
});
