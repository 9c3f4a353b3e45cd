import { KycStatus, StripeAccountStatus } from '@creator-payouts/prisma';
import { startStripeMock, type StripeMock } from '@creator-payouts/stripe-mock';
import { ACTIVE_ACCOUNT } from '../../../test/stripe-events';
import { createCreator, expectErrorEnvelope, startTestApp, type TestApp } from '../../../test/test-app';

const REFRESH = '/api/v1/creators/stripe-connect/refresh-link';
const STATUS = '/api/v1/creators/stripe-connect/status';
const INITIATE = '/api/v1/creators/stripe-connect/initiate';

describe('Stripe Connect routes against the stand-in', () => {
  let stripe: StripeMock;
  let t: TestApp;
  const profileOf = (userId: string) => t.prisma.creatorProfile.findUniqueOrThrow({ where: { userId } });

  beforeAll(async () => {
    stripe = await startStripeMock();
    t = await startTestApp({ STRIPE_API_BASE: stripe.url, STRIPE_TIMEOUT_MS: '2000' });
  });
  beforeEach(() => {
    stripe.setFault(null);
    stripe.setAccountState(null);
  });
  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  describe('POST /api/v1/creators/stripe-connect/refresh-link', () => {
    it('200: a fresh onboarding link for the existing account, no database writes', async () => {
      const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
      const before = await profileOf(creator.userId);
      const res = await t.as(creator).post(REFRESH);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({ success: true, data: { onboardingUrl: expect.stringMatching(/^https:\/\//) } });
      const link = stripe.requests.at(-1)!;
      expect(link.path).toBe('/v1/account_links');
      expect(new URLSearchParams(link.body).get('account')).toBe(creator.stripeAccountId);
      expect(new URLSearchParams(link.body).get('type')).toBe('account_onboarding');
      expect(await profileOf(creator.userId)).toEqual(before);
    });

    it('404 creator.stripe.not_creator', async () => {
      const fan = await createCreator(t.prisma, null);
      expectErrorEnvelope(await t.as(fan).post(REFRESH), 404, 'creator.stripe.not_creator');
    });

    it('400 creator.stripe.account_not_found', async () => {
      const creator = await createCreator(t.prisma, { stripeAccountId: null });
      expectErrorEnvelope(await t.as(creator).post(REFRESH), 400, 'creator.stripe.account_not_found');
    });

    it.each([
      ['no_such_account', 400, 'creator.stripe.account_not_found'],
      ['server_error', 502, 'creator.stripe.upstream_error'],
      ['no_answer', 502, 'creator.stripe.upstream_error'],
      // The platform's own setup, not the creator's onboarding: a 400 here is never not_active.
      ['connect_not_enabled', 502, 'creator.stripe.upstream_error'],
      ['onboarding_incomplete', 502, 'creator.stripe.upstream_error'],
      ['invalid_return_url', 502, 'creator.stripe.upstream_error'],
    ] as const)('Stripe fault %j → %s %s', async (fault, status, key) => {
      const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
      stripe.setFault(fault);
      expectErrorEnvelope(await t.as(creator).post(REFRESH), status, key);
    });
  });

  describe('GET /api/v1/creators/stripe-connect/status', () => {
    it('no account yet: NOT_STARTED, flags false, Stripe not called', async () => {
      const creator = await createCreator(t.prisma, { stripeAccountId: null });
      const calls = stripe.requests.length;
      const res = await t.as(creator).get(STATUS);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({
        stripeAccountId: null,
        stripeAccountStatus: 'NOT_STARTED',
        chargesEnabled: false,
        payoutsEnabled: false,
        detailsSubmitted: false,
      });
      expect(stripe.requests.length).toBe(calls);
    });

    it('live pull, written back: an account Stripe says is onboarded becomes ACTIVE', async () => {
      const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
      stripe.setAccountState(ACTIVE_ACCOUNT);
      const res = await t.as(creator).get(STATUS);
      expect(res.body.data).toEqual({
        stripeAccountId: creator.stripeAccountId,
        stripeAccountStatus: 'ACTIVE',
        chargesEnabled: true,
        payoutsEnabled: true,
        detailsSubmitted: true,
      });
      expect(stripe.requests.at(-1)).toMatchObject({ method: 'GET', path: `/v1/accounts/${creator.stripeAccountId}` });
      expect(await profileOf(creator.userId)).toMatchObject({ stripeAccountStatus: 'ACTIVE', stripeChargesEnabled: true, stripePayoutsEnabled: true });
    });

    it('live pull, written back: a stored ACTIVE that Stripe now restricts is downgraded', async () => {
      const creator = await createCreator(t.prisma);
      stripe.setAccountState({ details_submitted: true, charges_enabled: true, payouts_enabled: false });
      const res = await t.as(creator).get(STATUS);
      expect(res.body.data).toMatchObject({ stripeAccountStatus: 'RESTRICTED', chargesEnabled: true, payoutsEnabled: false, detailsSubmitted: true });
      expect(await profileOf(creator.userId)).toMatchObject({ stripeAccountStatus: 'RESTRICTED', stripePayoutsEnabled: false });
    });

    it('a rejected account is DISABLED', async () => {
      const creator = await createCreator(t.prisma);
      stripe.setAccountState({ requirements: { disabled_reason: 'rejected.fraud' } });
      expect((await t.as(creator).get(STATUS)).body.data.stripeAccountStatus).toBe('DISABLED');
    });

    it.each(['server_error', 'no_such_account', 'connection_reset'] as const)(
      'Stripe fails (%s): the stored values with detailsSubmitted false, nothing written',
      async (fault) => {
        const creator = await createCreator(t.prisma);
        const before = await profileOf(creator.userId);
        stripe.setFault(fault);
        const res = await t.as(creator).get(STATUS);
        expect(res.status).toBe(200);
        expect(res.body.data).toEqual({
          stripeAccountId: creator.stripeAccountId,
          stripeAccountStatus: 'ACTIVE',
          chargesEnabled: true,
          payoutsEnabled: true,
          detailsSubmitted: false,
        });
        expect(await profileOf(creator.userId)).toEqual(before);
      },
    );

    it('404 creator.stripe.not_creator', async () => {
      const fan = await createCreator(t.prisma, null);
      expectErrorEnvelope(await t.as(fan).get(STATUS), 404, 'creator.stripe.not_creator');
    });

    it('is limited to 10 requests per hour per user, separately from the other routes', async () => {
      const creator = await createCreator(t.prisma, { stripeAccountId: null });
      for (let i = 0; i < 10; i += 1) expect((await t.as(creator).get(STATUS)).status).toBe(200);
      expectErrorEnvelope(await t.as(creator).get(STATUS), 429, 'common.rate_limited');
      expect((await t.as(creator).post(REFRESH)).headers['x-ratelimit-remaining']).toBe('9');
    });
  });
});

describe('Stripe Connect routes without a Stripe key (production configuration)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ NODE_ENV: 'production', STRIPE_SECRET_KEY: undefined });
  });
  afterAll(() => t.close());

  it('initiate: 400 creator.stripe.service_unavailable, after the KYC check', async () => {
    const approved = await createCreator(t.prisma, { stripeAccountId: null });
    expectErrorEnvelope(await t.as(approved).post(INITIATE), 400, 'creator.stripe.service_unavailable');
    const unverified = await createCreator(t.prisma, { stripeAccountId: null, kycStatus: KycStatus.PENDING });
    expectErrorEnvelope(await t.as(unverified).post(INITIATE), 400, 'creator.stripe.kyc_required');
    expect((await t.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: approved.userId } })).stripeAccountStatus).toBe('NOT_STARTED');
  });

  it('refresh-link: 400 creator.stripe.service_unavailable, after the account check', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    expectErrorEnvelope(await t.as(creator).post(REFRESH), 400, 'creator.stripe.service_unavailable');
    const none = await createCreator(t.prisma, { stripeAccountId: null });
    expectErrorEnvelope(await t.as(none).post(REFRESH), 400, 'creator.stripe.account_not_found');
  });

  it('status: the stored values with detailsSubmitted false', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.RESTRICTED });
    const res = await t.as(creator).get(STATUS);
    expect(res.body.data).toEqual({
      stripeAccountId: creator.stripeAccountId,
      stripeAccountStatus: 'RESTRICTED',
      chargesEnabled: false,
      payoutsEnabled: false,
      detailsSubmitted: false,
    });
  });
});
