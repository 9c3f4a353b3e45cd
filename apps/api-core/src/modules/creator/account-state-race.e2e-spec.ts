import { StripeAccountStatus } from '@creator-payouts/prisma';
import { startStripeMock, type StripeMock } from '@creator-payouts/stripe-mock';
import { ACTIVE_ACCOUNT, connectEvent, signed } from '../../../test/stripe-events';
import { createCreator, expectErrorEnvelope, startTestApp, type CreatorFixture, type TestApp } from '../../../test/test-app';
import { stripeAccountFields } from '../../../dev/src/connect-events';

const STATUS = '/api/v1/creators/stripe-connect/status';
const DASHBOARD_LINK = '/api/v1/creators/stripe-connect/dashboard-link';
const WEBHOOK = '/api/v1/webhooks/stripe';
const NOT_ONBOARDED = { charges_enabled: false, payouts_enabled: false, details_submitted: false };

/**
 * Two instances on one database, Stripe as it behaves (the stateful stand-in):
 * a creator's status read on instance A is held open at Stripe while an event
 * about the same account reaches instance B and is stored. Whatever finishes
 * last, the stored state must be Stripe's current one, and deauthorization
 * must stay.
 */
describe('Account state: a status read held open across a webhook on another instance', () => {
  let stripe: StripeMock;
  let a: TestApp;
  let b: TestApp;
  const stored = (creator: CreatorFixture) =>
    a.prisma.creatorProfile.findUniqueOrThrow({
      where: { userId: creator.userId },
      select: { stripeAccountStatus: true, stripeChargesEnabled: true, stripePayoutsEnabled: true },
    });
  const deliver = (app: TestApp, event: object) => {
    const { body, signature } = signed(event);
    return app.http.post(WEBHOOK).set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(body);
  };
  const loginLinkCalls = () => stripe.requests.filter((request) => request.path.endsWith('/login_links')).length;

  /** A's status read reaches Stripe (which answers the account as it is then) and waits there until `during` is done. */
  async function statusReadAcross(creator: CreatorFixture, during: () => Promise<void>) {
    const read = stripe.hold('retrieveAccount');
    try {
      const answer = a
        .as(creator)
        .get(STATUS)
        .then((res) => res);
      await read.arrived;
      await during();
      read.release();
      return await answer;
    } finally {
      read.release();
    }
  }

  beforeAll(async () => {
    stripe = await startStripeMock({ stateful: true });
    a = await startTestApp({ STRIPE_API_BASE: stripe.url });
    b = await startTestApp({ STRIPE_API_BASE: stripe.url }, { databaseOf: a });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await stripe.close();
  });

  it('deauthorized while an ACTIVE read is in flight: DISABLED stays, later reads and events cannot undo it, and Stripe is no longer asked for a login link', async () => {
    const creator = await createCreator(a.prisma);
    const accountId = creator.stripeAccountId!;
    stripe.putAccount({ id: accountId, ...stripeAccountFields(ACTIVE_ACCOUNT) });

    const res = await statusReadAcross(creator, async () => {
      expect((await deliver(b, connectEvent('account.application.deauthorized', accountId))).status).toBe(200);
    });

    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ stripeAccountStatus: 'DISABLED', chargesEnabled: false, payoutsEnabled: false });
    const disabled = { stripeAccountStatus: 'DISABLED', stripeChargesEnabled: false, stripePayoutsEnabled: false };
    expect(await stored(creator)).toEqual(disabled);

    // Stripe (here) still answers the account as onboarded, and a later event says so too: neither counts any more.
    expect((await a.as(creator).get(STATUS)).body.data.stripeAccountStatus).toBe('DISABLED');
    const later = connectEvent('account.updated', accountId, { created: Math.floor(Date.now() / 1000) + 5, account: ACTIVE_ACCOUNT });
    expect((await deliver(b, later)).status).toBe(200);
    expect(await stored(creator)).toEqual(disabled);

    const calls = loginLinkCalls();
    expectErrorEnvelope(await a.as(creator).post(DASHBOARD_LINK), 400, 'creator.stripe.not_active');
    expect(loginLinkCalls()).toBe(calls);
  });

  it('onboarded while a read that saw PENDING is in flight: the ACTIVE the webhook stored stays, and dashboard-link works', async () => {
    const creator = await createCreator(a.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    const accountId = creator.stripeAccountId!;
    stripe.putAccount({ id: accountId, ...stripeAccountFields(NOT_ONBOARDED) });

    const res = await statusReadAcross(creator, async () => {
      // The creator finishes onboarding at Stripe after Stripe answered A's read, and Stripe tells B.
      stripe.putAccount({ id: accountId, ...stripeAccountFields(ACTIVE_ACCOUNT) });
      expect((await deliver(b, connectEvent('account.updated', accountId, { account: ACTIVE_ACCOUNT }))).status).toBe(200);
      expect((await stored(creator)).stripeAccountStatus).toBe('ACTIVE');
    });

    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ stripeAccountStatus: 'ACTIVE', chargesEnabled: true, payoutsEnabled: true });
    expect(await stored(creator)).toEqual({ stripeAccountStatus: 'ACTIVE', stripeChargesEnabled: true, stripePayoutsEnabled: true });
    const link = await a.as(creator).post(DASHBOARD_LINK);
    expect(link.status).toBe(200);
    expect(link.body.data.url).toMatch(/^https:\/\//);
  });

  it('a deauthorization that came while no creator had the account still counts once the account is linked', async () => {
    const accountId = `acct_1Deauth${Date.now()}`;
    const early = await deliver(b, connectEvent('account.application.deauthorized', accountId));
    expect(early.status).toBe(200);
    expect(await b.requestLog(early.headers['x-request-id'])).toMatchObject({ webhookOutcome: 'unknown_account' });

    const creator = await createCreator(a.prisma, { stripeAccountId: accountId, stripeAccountStatus: StripeAccountStatus.PENDING });
    stripe.putAccount({ id: accountId, ...stripeAccountFields(ACTIVE_ACCOUNT) });
    expect((await deliver(b, connectEvent('account.updated', accountId, { account: ACTIVE_ACCOUNT }))).status).toBe(200);
    expect(await stored(creator)).toEqual({ stripeAccountStatus: 'DISABLED', stripeChargesEnabled: false, stripePayoutsEnabled: false });
    expect((await a.as(creator).get(STATUS)).body.data.stripeAccountStatus).toBe('DISABLED');
  });

  it('an event delivered late, older than a finished read, does not undo what the read stored', async () => {
    const creator = await createCreator(a.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    const accountId = creator.stripeAccountId!;
    stripe.putAccount({ id: accountId, ...stripeAccountFields(ACTIVE_ACCOUNT) });
    expect((await a.as(creator).get(STATUS)).body.data.stripeAccountStatus).toBe('ACTIVE');

    // Stripe sent this a minute ago, when onboarding was not finished; it arrives only now (Stripe retries for days).
    const late = connectEvent('account.updated', accountId, { created: Math.floor(Date.now() / 1000) - 60, account: NOT_ONBOARDED });
    const res = await deliver(b, late);
    expect(res.status).toBe(200);
    expect(await b.requestLog(res.headers['x-request-id'])).toMatchObject({ webhookOutcome: 'stale' });
    expect(await stored(creator)).toEqual({ stripeAccountStatus: 'ACTIVE', stripeChargesEnabled: true, stripePayoutsEnabled: true });
  });
});
