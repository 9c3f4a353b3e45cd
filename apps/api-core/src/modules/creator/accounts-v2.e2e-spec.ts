import { StripeAccountApi, StripeAccountStatus } from '@creator-payouts/prisma';
import { startStripeMock, type StripeMock, v2AccountFields } from '@creator-payouts/stripe-mock';
import { ACTIVE_ACCOUNT, connectEvent, signed } from '../../../test/stripe-events';
import { createCreator, expectErrorEnvelope, startTestApp, type TestApp } from '../../../test/test-app';
import { stripeAccountFields } from '../../../dev/src/connect-events';

const INITIATE = '/api/v1/creators/stripe-connect/initiate';
const STATUS = '/api/v1/creators/stripe-connect/status';
const DASHBOARD_LINK = '/api/v1/creators/stripe-connect/dashboard-link';
const REFRESH_LINK = '/api/v1/creators/stripe-connect/refresh-link';
const WEBHOOK = '/api/v1/webhooks/stripe';
const RECIPIENT_CHANGED = 'v2.core.account[configuration.recipient].capability_status_updated';
/** The signing secret of the v2 event destination: the app has it beside the v1 endpoint's. */
const DESTINATION_SECRET = 'whsec_test_event_destination';

/**
 * A platform of today (Stripe refuses it v1 account creation): accounts are made with Accounts v2, their events
 * come as thin events, and the accounts made with v1 before keep working. Against the stand-in's default.
 */
describe('Accounts v2 (a platform set up after 2026-08-25)', () => {
  let stripe: StripeMock;
  let t: TestApp;
  const profileOf = (userId: string) => t.prisma.creatorProfile.findUniqueOrThrow({ where: { userId } });
  const requestsTo = (method: string, path: string) => stripe.requests.filter((req) => req.method === method && req.path === path);
  const deliver = (payload: object, secret = DESTINATION_SECRET) => {
    const { body, signature } = signed(payload, { secret });
    return t.http.post(WEBHOOK).set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(body);
  };
  /** A v2 account at the stand-in in the given state, and a creator the app has stored it for. */
  const v2Creator = async (state: Parameters<typeof v2AccountFields>[0], stored: StripeAccountStatus = StripeAccountStatus.PENDING) => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: stored, stripeAccountApi: StripeAccountApi.V2 });
    stripe.putAccount({ id: creator.stripeAccountId!, metadata: { platformUserId: creator.userId }, ...v2AccountFields(state) });
    return creator;
  };

  beforeAll(async () => {
    stripe = await startStripeMock({ stateful: true });
    // No test here waits for a Stripe timeout (faults answer at once), and a held read must outlast whatever a busy
    // machine takes to handle the event that overtakes it: the default timeout, far above both.
    t = await startTestApp({ STRIPE_API_BASE: stripe.url, STRIPE_WEBHOOK_SECRET: `whsec_test_secret, ${DESTINATION_SECRET}` });
  });
  afterEach(() => stripe.setFault(null));
  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  it('the whole journey on v2: initiate creates a v2 recipient account → thin event → ACTIVE → login link', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountId: null });
    const before = stripe.requests.length;

    const initiated = await t.as(creator).post(INITIATE);
    expect(initiated.status).toBe(201);
    const accountId: string = initiated.body.data.accountId;
    const [creation, link] = stripe.requests.slice(before);
    expect(creation).toMatchObject({ method: 'POST', path: '/v2/core/accounts', idempotencyKey: expect.stringMatching(/^connect-account-[0-9a-f-]{36}$/) });
    expect(JSON.parse(creation.body)).toEqual({
      dashboard: 'express',
      contact_email: `${creator.userId}@example.com`,
      configuration: { recipient: { capabilities: { stripe_balance: { stripe_transfers: { requested: true } } } } },
      defaults: { responsibilities: { fees_collector: 'application', losses_collector: 'application' } },
      metadata: { platformUserId: creator.userId },
    });
    expect(link.path).toBe('/v2/core/account_links');
    expect(JSON.parse(link.body)).toEqual({
      account: accountId,
      use_case: {
        type: 'account_onboarding',
        account_onboarding: { refresh_url: t.config.stripe.connectRefreshUrl, return_url: t.config.stripe.connectReturnUrl },
      },
    });
    expect(await profileOf(creator.userId)).toMatchObject({ stripeAccountId: accountId, stripeAccountApi: 'V2', stripeAccountStatus: 'PENDING' });
    expect(requestsTo('POST', '/v1/accounts')).toHaveLength(0);

    // Not onboarded yet: the stored PENDING answers, without asking Stripe for a link.
    expectErrorEnvelope(await t.as(creator).post(DASHBOARD_LINK), 400, 'creator.stripe.not_active');

    // The creator completes onboarding; Stripe's event destination sends a thin event, which carries no state.
    stripe.putAccount({ id: accountId, ...v2AccountFields('active') });
    const hook = await deliver(stripe.thinEvent(RECIPIENT_CHANGED, accountId));
    expect(hook.status).toBe(200);
    expect(await t.requestLog(hook.headers['x-request-id'])).toMatchObject({ webhookOutcome: 'applied' });
    // The account was read with what its status needs: without `include`, v2 omits the configuration (no ACTIVE).
    expect(requestsTo('GET', `/v2/core/accounts/${accountId}`)).toHaveLength(1);
    expect(await profileOf(creator.userId)).toMatchObject({ stripeAccountStatus: 'ACTIVE', stripeChargesEnabled: false, stripePayoutsEnabled: true });

    const status = await t.as(creator).get(STATUS);
    expect(status.body.data).toEqual({
      stripeAccountId: accountId,
      stripeAccountStatus: 'ACTIVE',
      chargesEnabled: false,
      payoutsEnabled: true,
      detailsSubmitted: true,
    });

    const dashboard = await t.as(creator).post(DASHBOARD_LINK);
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.data.url).toMatch(/^https:\/\//);
    expect(requestsTo('POST', `/v1/accounts/${accountId}/login_links`)).toHaveLength(1);
  });

  it.each([
    ['onboarding never submitted', 'onboarding', { stripeAccountStatus: 'PENDING', chargesEnabled: false, payoutsEnabled: false, detailsSubmitted: false }],
    [
      'submitted, Stripe verifying',
      'pending_verification',
      { stripeAccountStatus: 'PENDING', chargesEnabled: false, payoutsEnabled: false, detailsSubmitted: true },
    ],
    ['transfers and payouts active', 'active', { stripeAccountStatus: 'ACTIVE', chargesEnabled: false, payoutsEnabled: true, detailsSubmitted: true }],
    [
      'requirements past due after onboarding',
      'restricted',
      { stripeAccountStatus: 'RESTRICTED', chargesEnabled: false, payoutsEnabled: false, detailsSubmitted: true },
    ],
    ['transfers rejected', 'rejected', { stripeAccountStatus: 'DISABLED', chargesEnabled: false, payoutsEnabled: false }],
    ['transfers unsupported', 'unsupported', { stripeAccountStatus: 'DISABLED', chargesEnabled: false, payoutsEnabled: false }],
    ['account closed', 'closed', { stripeAccountStatus: 'DISABLED', chargesEnabled: false }],
  ] as const)('GET status of a v2 account, %s → %o', async (_name, state, expected) => {
    const creator = await v2Creator(state);
    const res = await t.as(creator).get(STATUS);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ stripeAccountId: creator.stripeAccountId, ...expected });
    expect((await profileOf(creator.userId)).stripeAccountStatus).toBe(expected.stripeAccountStatus);
    expect(requestsTo('GET', `/v1/accounts/${creator.stripeAccountId}`)).toHaveLength(0);
  });

  it('refresh-link of a v2 account makes a v2 account link', async () => {
    const creator = await v2Creator('onboarding');
    const res = await t.as(creator).post(REFRESH_LINK);
    expect(res.status).toBe(200);
    expect(JSON.parse(requestsTo('POST', '/v2/core/account_links').at(-1)!.body)).toMatchObject({
      account: creator.stripeAccountId,
      use_case: { type: 'account_onboarding' },
    });
  });

  it('Stripe refuses a login link before onboarding is complete: 400 creator.stripe.not_active', async () => {
    // Stored ACTIVE (say, a stale row), while Stripe has the account still in onboarding.
    const creator = await v2Creator('onboarding', StripeAccountStatus.ACTIVE);
    const res = await t.as(creator).post(DASHBOARD_LINK);
    expectErrorEnvelope(res, 400, 'creator.stripe.not_active');
    expect(JSON.stringify(res.body)).not.toContain('completed onboarding');
  });

  it('a v1 account stored before v2 keeps working on v1: status, onboarding link and login link', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountStatus: StripeAccountStatus.PENDING });
    stripe.putAccount({ id: creator.stripeAccountId!, ...stripeAccountFields(ACTIVE_ACCOUNT) });

    const status = await t.as(creator).get(STATUS);
    expect(status.body.data).toMatchObject({ stripeAccountStatus: 'ACTIVE', chargesEnabled: true, payoutsEnabled: true, detailsSubmitted: true });
    expect(requestsTo('GET', `/v1/accounts/${creator.stripeAccountId}`)).toHaveLength(1);
    expect((await t.as(creator).post(REFRESH_LINK)).status).toBe(200);
    expect(new URLSearchParams(requestsTo('POST', '/v1/account_links').at(-1)!.body).get('account')).toBe(creator.stripeAccountId);
    expect((await t.as(creator).post(DASHBOARD_LINK)).status).toBe(200);
    expect(requestsTo('GET', `/v2/core/accounts/${creator.stripeAccountId}`)).toHaveLength(0);
  });

  describe('thin events', () => {
    it('are verified with any of the configured secrets; signed by none: 400, nothing recorded', async () => {
      const creator = await v2Creator('active');
      const thin = stripe.thinEvent(RECIPIENT_CHANGED, creator.stripeAccountId!);
      const forged = await deliver(thin, 'whsec_someone_else');
      expectErrorEnvelope(forged, 400, 'webhook.invalid_signature');
      expect(await t.prisma.stripeWebhookEvent.count({ where: { id: (thin as { id: string }).id } })).toBe(0);

      expect((await deliver(thin)).status).toBe(200);
      expect((await profileOf(creator.userId)).stripeAccountStatus).toBe('ACTIVE');
    });

    it('a duplicate is acknowledged without asking Stripe again', async () => {
      const creator = await v2Creator('active');
      const thin = stripe.thinEvent(RECIPIENT_CHANGED, creator.stripeAccountId!);
      expect((await deliver(thin)).status).toBe(200);
      const reads = requestsTo('GET', `/v2/core/accounts/${creator.stripeAccountId}`).length;
      const again = await deliver(thin);
      expect(again.status).toBe(200);
      expect(await t.requestLog(again.headers['x-request-id'])).toMatchObject({ webhookOutcome: 'duplicate' });
      expect(requestsTo('GET', `/v2/core/accounts/${creator.stripeAccountId}`)).toHaveLength(reads);
    });

    it('the account read fails: 503, nothing recorded; the redelivery applies', async () => {
      const creator = await v2Creator('active');
      const thin = stripe.thinEvent('v2.core.account[requirements].updated', creator.stripeAccountId!);
      stripe.setFault('server_error', { operation: 'retrieveAccount' });
      const refused = await deliver(thin);
      expectErrorEnvelope(refused, 503, 'common.service_unavailable');
      expect(await t.prisma.stripeWebhookEvent.count({ where: { id: (thin as { id: string }).id } })).toBe(0);
      expect((await profileOf(creator.userId)).stripeAccountStatus).toBe('PENDING');

      stripe.setFault(null);
      expect((await deliver(thin)).status).toBe(200);
      expect((await profileOf(creator.userId)).stripeAccountStatus).toBe('ACTIVE');
    });

    it("order cannot matter: a read that a later event's read overtook does not write its older state", async () => {
      const creator = await v2Creator('pending_verification');
      const accountId = creator.stripeAccountId!;
      // The first event's read of the account is answered as the account is now, and held on the way back.
      const held = stripe.hold('retrieveAccount', { requests: 1 });
      const first = deliver(stripe.thinEvent(RECIPIENT_CHANGED, accountId)).then((res) => res);
      await held.arrived;
      // Meanwhile onboarding completes, and its event is handled at once.
      stripe.putAccount({ id: accountId, ...v2AccountFields('active') });
      expect((await deliver(stripe.thinEvent(RECIPIENT_CHANGED, accountId))).status).toBe(200);
      expect((await profileOf(creator.userId)).stripeAccountStatus).toBe('ACTIVE');

      held.release();
      const late = await first;
      expect(late.status).toBe(200);
      // Its read spans the other's: which is newer is unknown, so the account was read again, as it is now.
      expect(await t.requestLog(late.headers['x-request-id'])).toMatchObject({ webhookOutcome: 'applied_current' });
      expect((await profileOf(creator.userId)).stripeAccountStatus).toBe('ACTIVE');
    });

    it('v2.core.account.closed → DISABLED', async () => {
      const creator = await v2Creator('closed', StripeAccountStatus.ACTIVE);
      expect((await deliver(stripe.thinEvent('v2.core.account.closed', creator.stripeAccountId!))).status).toBe(200);
      expect(await profileOf(creator.userId)).toMatchObject({ stripeAccountStatus: 'DISABLED', stripePayoutsEnabled: false });
    });

    it('an account no creator has: 200 unknown_account; a type the module does not use: 200 ignored, Stripe not asked', async () => {
      const stranger = 'acct_1NoCreatorHasIt01';
      stripe.putAccount({ id: stranger, ...v2AccountFields('active') });
      const unknown = await deliver(stripe.thinEvent(RECIPIENT_CHANGED, stranger));
      expect(unknown.status).toBe(200);
      expect(await t.requestLog(unknown.headers['x-request-id'])).toMatchObject({ webhookOutcome: 'unknown_account' });

      const creator = await v2Creator('active');
      const reads = stripe.requests.length;
      const other = await deliver(stripe.thinEvent('v2.core.account_person.created', creator.stripeAccountId!));
      expect(other.status).toBe(200);
      expect(await t.requestLog(other.headers['x-request-id'])).toMatchObject({ webhookOutcome: 'ignored' });
      expect(stripe.requests.length).toBe(reads);
      expect((await profileOf(creator.userId)).stripeAccountStatus).toBe('PENDING');
    });

    it("one that arrives before initiate stored the account id links it by the account's metadata, read on v2 even with a v1 creation also under way", async () => {
      // Another creator's creation, still on v1 from before the switch: its API is not this account's.
      const other = await createCreator(t.prisma, { stripeAccountId: null, stripeAccountStatus: StripeAccountStatus.PENDING });
      await t.prisma.creatorProfile.update({
        where: { userId: other.userId },
        data: { stripeAccountIdempotencyKey: 'connect-account-v1-in-flight', stripeAccountApi: StripeAccountApi.V1 },
      });
      const creator = await createCreator(t.prisma, { stripeAccountId: null, stripeAccountStatus: StripeAccountStatus.PENDING });
      await t.prisma.creatorProfile.update({
        where: { userId: creator.userId },
        data: { stripeAccountIdempotencyKey: 'connect-account-in-flight', stripeAccountApi: StripeAccountApi.V2 },
      });
      const accountId = 'acct_1EarlyThinEvent01';
      stripe.putAccount({ id: accountId, metadata: { platformUserId: creator.userId }, ...v2AccountFields('pending_verification') });

      expect((await deliver(stripe.thinEvent(RECIPIENT_CHANGED, accountId))).status).toBe(200);
      expect(await profileOf(creator.userId)).toMatchObject({
        stripeAccountId: accountId,
        stripeAccountApi: 'V2',
        stripeAccountStatus: 'PENDING',
        stripeAccountIdempotencyKey: null,
      });
    });

    it('a payload that is no thin event, signed: 400 webhook.invalid_payload', async () => {
      const creator = await v2Creator('active');
      const thin = stripe.thinEvent(RECIPIENT_CHANGED, creator.stripeAccountId!);
      expectErrorEnvelope(await deliver({ ...thin, created: 'yesterday' }), 400, 'webhook.invalid_payload');
      expectErrorEnvelope(await deliver({ ...thin, object: 'v2.core.something' }), 400, 'webhook.invalid_payload');
      expectErrorEnvelope(await deliver({ ...thin, related_object: { id: 'acct_\u0000', type: 'v2.core.account' } }), 400, 'webhook.invalid_payload');
    });
  });

  it('a v1 snapshot event (a Connect endpoint) of a v2 account: its v1 view is not used, the v2 account is read', async () => {
    const creator = await v2Creator('active');
    // v1's view of a recipient: no charges, so a v1 reading would never say ACTIVE.
    const snapshot = connectEvent('account.updated', creator.stripeAccountId!, {
      account: { details_submitted: true, charges_enabled: false, payouts_enabled: true },
    });
    const res = await deliver(snapshot, 'whsec_test_secret');
    expect(res.status).toBe(200);
    expect(await t.requestLog(res.headers['x-request-id'])).toMatchObject({ webhookOutcome: 'applied_current' });
    expect((await profileOf(creator.userId)).stripeAccountStatus).toBe('ACTIVE');
  });
});

describe('STRIPE_ACCOUNTS_API=v1', () => {
  it("on a platform of today (no Accounts v1 support): 502 creator.stripe.upstream_error, Stripe's refusal only in the log, the claim released", async () => {
    const stripe = await startStripeMock({ stateful: true });
    const t = await startTestApp({ STRIPE_API_BASE: stripe.url, STRIPE_ACCOUNTS_API: 'v1' });
    try {
      const creator = await createCreator(t.prisma, { stripeAccountId: null });
      const res = await t.as(creator).post(INITIATE);
      expectErrorEnvelope(res, 502, 'creator.stripe.upstream_error');
      expect(JSON.stringify(res.body)).not.toMatch(/v2\/core|Accounts v1/);
      expect(await t.requestLog(res.headers['x-request-id'])).toMatchObject({ stripeErrorType: 'StripeInvalidRequestError', stripeStatus: 400 });
      // A definite answer: the next attempt may use a new key (and, once the platform turns v1 support on, succeed).
      expect(await t.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.userId } })).toMatchObject({
        stripeAccountId: null,
        stripeAccountStatus: 'NOT_STARTED',
        stripeAccountIdempotencyKey: null,
        stripeAccountApi: null,
      });
    } finally {
      await t.close();
      await stripe.close();
    }
  });

  it('a creation left unresolved on v1 (its key kept) is retried on v1 with that key after the platform moved to v2', async () => {
    const stripe = await startStripeMock({ stateful: true, accountsV1: true });
    const t = await startTestApp({ STRIPE_API_BASE: stripe.url });
    try {
      const creator = await createCreator(t.prisma, { stripeAccountId: null });
      await t.prisma.creatorProfile.update({
        where: { userId: creator.userId },
        data: { stripeAccountIdempotencyKey: 'connect-account-unresolved-v1', stripeAccountApi: StripeAccountApi.V1 },
      });
      const res = await t.as(creator).post(INITIATE);
      expect(res.status).toBe(201);
      expect(stripe.requests.filter((req) => req.method === 'POST' && req.path.endsWith('/accounts'))).toEqual([
        expect.objectContaining({ path: '/v1/accounts', idempotencyKey: 'connect-account-unresolved-v1' }),
      ]);
      expect(await t.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.userId } })).toMatchObject({
        stripeAccountApi: 'V1',
        stripeAccountId: res.body.data.accountId,
      });
    } finally {
      await t.close();
      await stripe.close();
    }
  });

  it('with Accounts v1 support on: creates with controller properties, not the deprecated type', async () => {
    const stripe = await startStripeMock({ stateful: true, accountsV1: true });
    const t = await startTestApp({ STRIPE_API_BASE: stripe.url, STRIPE_ACCOUNTS_API: 'v1' });
    try {
      const creator = await createCreator(t.prisma, { stripeAccountId: null });
      const res = await t.as(creator).post(INITIATE);
      expect(res.status).toBe(201);
      const creation = stripe.requests.find((req) => req.method === 'POST' && req.path === '/v1/accounts')!;
      expect(Object.fromEntries(new URLSearchParams(creation.body))).toEqual({
        'controller[stripe_dashboard][type]': 'express',
        'controller[fees][payer]': 'application',
        'controller[losses][payments]': 'application',
        'controller[requirement_collection]': 'stripe',
        email: `${creator.userId}@example.com`,
        'capabilities[transfers][requested]': 'true',
        'metadata[platformUserId]': creator.userId,
      });
      expect(await t.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.userId } })).toMatchObject({
        stripeAccountApi: 'V1',
        stripeAccountStatus: 'PENDING',
      });
      expect(stripe.requests.some((req) => req.path.startsWith('/v2/'))).toBe(false);
    } finally {
      await t.close();
      await stripe.close();
    }
  });
});
