import { randomUUID } from 'node:crypto';
import { KycStatus, StripeAccountApi, StripeAccountStatus } from '@creator-payouts/prisma';
import { type Hold, startStripeMock, type StripeMock, type StripeMockOptions, v2AccountFields } from '@creator-payouts/stripe-mock';
import { HttpStatus } from '@nestjs/common';
import { ACTIVE_ACCOUNT, connectEvent, signed } from '../../../test/stripe-events';
import { stripeAccountFields } from '../../../dev/src/connect-events';
import { createCreator, expectErrorEnvelope, startTestApp, type TestApp } from '../../../test/test-app';
import { StripeConnectException, StripeConnectService } from '@creator-payouts/nestjs-stripe-connect';

const INITIATE = '/api/v1/creators/stripe-connect/initiate';
/** A fresh account id: both platforms' runs share one database on PostgreSQL, where account ids are unique. */
const accountIdFor = (label: string) => `acct_1${label}${randomUUID().replace(/-/g, '').slice(0, 10)}`;

/** Both ways a platform creates accounts today: what each sends, and how Stripe tells it an account changed. */
const PLATFORMS = [
  {
    name: 'Accounts v2 (the default: a platform of today)',
    api: StripeAccountApi.V2,
    env: {},
    standIn: {} satisfies StripeMockOptions,
    paths: { creation: '/v2/core/accounts', link: '/v2/core/account_links' },
    linkedAccount: (body: string) => (JSON.parse(body) as { account: string }).account,
    emailOf: (account: Record<string, unknown>) => account.contact_email,
  },
  {
    name: 'Accounts v1 (STRIPE_ACCOUNTS_API=v1, the platform has v1 support on)',
    api: StripeAccountApi.V1,
    env: { STRIPE_ACCOUNTS_API: 'v1' },
    standIn: { accountsV1: true } satisfies StripeMockOptions,
    paths: { creation: '/v1/accounts', link: '/v1/account_links' },
    linkedAccount: (body: string) => new URLSearchParams(body).get('account'),
    emailOf: (account: Record<string, unknown>) => account.email,
  },
];

/**
 * Everything that creates a Stripe account lives in this file. It runs against
 * the stand-in in its stateful mode, which keeps accounts and idempotency keys
 * as real Stripe does, and whose requests the tests inspect; once per Accounts API.
 */
describe.each(PLATFORMS)('POST /api/v1/creators/stripe-connect/initiate, $name', ({ api, env, standIn, paths, linkedAccount, emailOf }) => {
  let stripe: StripeMock;
  let t: TestApp;
  const accountCreations = () => stripe.requests.filter((req) => req.method === 'POST' && req.path === paths.creation);
  const accountLinks = () => stripe.requests.filter((req) => req.method === 'POST' && req.path === paths.link);

  const accountsOf = (userId: string) =>
    [...stripe.accounts.values()].filter((account) => (account.metadata as Record<string, string>).platformUserId === userId);
  const storedProfile = (userId: string) => t.prisma.creatorProfile.findUniqueOrThrow({ where: { userId } });
  /**
   * Stripe reports the account `accountId` of the creator as onboarded but restricted, before initiate has its
   * answer: a v1 snapshot carries the account; a thin event only names it (the app reads it from Stripe).
   */
  const reportRestricted = (accountId: string, userId: string) => {
    if (api === StripeAccountApi.V1)
      return signed(connectEvent('account.updated', accountId, { account: { details_submitted: true }, metadata: { platformUserId: userId } }));
    stripe.putAccount({ id: accountId, metadata: { platformUserId: userId }, ...v2AccountFields('restricted') });
    return signed(stripe.thinEvent('v2.core.account[requirements].updated', accountId));
  };

  beforeAll(async () => {
    stripe = await startStripeMock({ stateful: true, ...standIn });
    // The default Stripe timeout (10 s): a creation held while a webhook is handled must outlast a busy machine;
    // only the no_answer case waits for it.
    t = await startTestApp({ STRIPE_API_BASE: stripe.url, ...env });
  });
  beforeEach(() => {
    stripe.setFault(null);
    stripe.setAccountState(null);
  });
  // A test that fails while Stripe's answers are held must not leave them held for the next ones.
  const holds: Hold[] = [];
  const holdCreation = () => {
    const hold = stripe.hold('createAccount');
    holds.push(hold);
    return hold;
  };
  afterEach(() => holds.splice(0).forEach((hold) => hold.release()));
  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  it('201: creates the account with the Express Dashboard and returns a fresh onboarding link; status becomes PENDING', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountId: null });
    const before = stripe.requests.length;

    const res = await t.as(creator).post(INITIATE);

    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({ success: true, data: { accountId: expect.stringMatching(/^acct_/), onboardingUrl: expect.stringMatching(/^https:\/\//) } });
    const accountId: string = res.body.data.accountId;
    expect(accountsOf(creator.userId).map((account) => account.id)).toEqual([accountId]);
    expect(await storedProfile(creator.userId)).toMatchObject({
      stripeAccountId: accountId,
      stripeAccountApi: api,
      stripeAccountStatus: StripeAccountStatus.PENDING,
      stripeAccountIdempotencyKey: null,
    });

    const [creation, link] = stripe.requests.slice(before);
    expect(creation.path).toBe(paths.creation);
    expect(creation.idempotencyKey).toMatch(/^connect-account-[0-9a-f-]{36}$/);
    expect(link.path).toBe(paths.link);
    expect(linkedAccount(link.body)).toBe(accountId);
    // What each API is sent, field by field: accounts-v2.e2e-spec.ts.
    expect(t.rawLogs()).not.toContain(res.body.data.onboardingUrl);
  });

  it('is idempotent: an existing account gets a new link, never a second account, and keeps its status', async () => {
    const existing = accountIdFor('Existing');
    const creator = await createCreator(t.prisma, { stripeAccountId: existing, stripeAccountStatus: StripeAccountStatus.ACTIVE, stripeAccountApi: api });
    stripe.putAccount({ id: existing, ...(api === StripeAccountApi.V2 ? v2AccountFields('active') : stripeAccountFields(ACTIVE_ACCOUNT)) });
    const creations = accountCreations().length;
    for (let i = 0; i < 2; i += 1) {
      const res = await t.as(creator).post(INITIATE);
      expect(res.status).toBe(201);
      expect(res.body.data.accountId).toBe(existing);
    }
    expect(accountCreations()).toHaveLength(creations);
    expect(
      accountLinks()
        .slice(-2)
        .map((req) => linkedAccount(req.body)),
    ).toEqual([existing, existing]);
    expect((await t.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.userId } })).stripeAccountStatus).toBe(StripeAccountStatus.ACTIVE);
  });

  it('404 creator.stripe.not_creator', async () => {
    const fan = await createCreator(t.prisma, null);
    expectErrorEnvelope(await t.as(fan).post(INITIATE), 404, 'creator.stripe.not_creator');
  });

  it.each([KycStatus.NOT_STARTED, KycStatus.PENDING, KycStatus.REJECTED])('400 creator.stripe.kyc_required: KYC %s', async (kycStatus) => {
    const creator = await createCreator(t.prisma, { stripeAccountId: null, kycStatus });
    const res = await t.as(creator).post(INITIATE);
    expectErrorEnvelope(res, 400, 'creator.stripe.kyc_required');
    expect(res.body.error.code).toBe('KYC_NOT_APPROVED');
  });

  it('502 when Stripe answers the creation with a 500; the retry succeeds once Stripe does, with one account', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountId: null });
    stripe.setFault('server_error', { operation: 'createAccount' });
    expectErrorEnvelope(await t.as(creator).post(INITIATE), 502, 'creator.stripe.upstream_error');
    const failed = accountCreations().at(-1)!;
    if (api === StripeAccountApi.V1) {
      // v1 replays a key's 500 for 24 h: the key is done, and the next attempt takes a new one.
      expect(await storedProfile(creator.userId)).toMatchObject({
        stripeAccountId: null,
        stripeAccountStatus: StripeAccountStatus.NOT_STARTED,
        stripeAccountIdempotencyKey: null,
      });
    } else {
      // v2 replays no 5xx and a retry with the key completes the failed work, which may have made the account
      // (the stand-in's case): the key stays, as for an unknown outcome.
      expect(await storedProfile(creator.userId)).toMatchObject({
        stripeAccountId: null,
        stripeAccountStatus: StripeAccountStatus.NOT_STARTED,
        stripeAccountIdempotencyKey: failed.idempotencyKey,
      });
    }

    stripe.setFault(null);
    const retry = await t.as(creator).post(INITIATE);
    expect(retry.status).toBe(201);
    expect(accountsOf(creator.userId).map((account) => account.id)).toEqual([retry.body.data.accountId]);
    const succeeded = accountCreations().at(-1)!;
    if (api === StripeAccountApi.V1) expect(succeeded.idempotencyKey).not.toBe(failed.idempotencyKey);
    else expect(succeeded.idempotencyKey).toBe(failed.idempotencyKey);
  });

  it('a creator whose email changed after a failed creation is not refused for reusing the key with other parameters', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountId: null });
    stripe.setFault('rate_limited', { operation: 'createAccount' });
    expectErrorEnvelope(await t.as(creator).post(INITIATE), 502, 'creator.stripe.upstream_error');

    await t.prisma.user.update({ where: { id: creator.userId }, data: { email: `new-${creator.userId}@example.com` } });
    stripe.setFault(null);
    const retry = await t.as(creator).post(INITIATE);
    expect(retry.status).toBe(201);
    expect(emailOf(stripe.accounts.get(retry.body.data.accountId)!)).toBe(`new-${creator.userId}@example.com`);
  });

  it.each([
    ['the connection is cut after Stripe created the account', 'connection_reset' as const],
    ['Stripe answers nothing before our timeout', 'no_answer' as const],
  ])('unknown outcome (%s): 502, the key stays with the claim, and the retry gets the same account, never a second one', async (_case, fault) => {
    const creator = await createCreator(t.prisma, { stripeAccountId: null });
    stripe.setFault(fault, { operation: 'createAccount' });
    expectErrorEnvelope(await t.as(creator).post(INITIATE), 502, 'creator.stripe.upstream_error');
    const [created] = accountsOf(creator.userId);
    expect(created).toBeDefined();
    expect(await storedProfile(creator.userId)).toMatchObject({
      stripeAccountId: null,
      stripeAccountStatus: StripeAccountStatus.NOT_STARTED,
      stripeAccountIdempotencyKey: accountCreations().at(-1)!.idempotencyKey,
    });

    stripe.setFault(null);
    const retry = await t.as(creator).post(INITIATE);
    expect(retry.status).toBe(201);
    expect(retry.body.data.accountId).toBe(created.id);
    expect(accountsOf(creator.userId)).toHaveLength(1);
    expect(await storedProfile(creator.userId)).toMatchObject({ stripeAccountId: created.id, stripeAccountIdempotencyKey: null });
  });

  it('an event that arrives while initiate is still waiting for Stripe links the account; initiate then answers with it', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountId: null });
    // Stripe has created the account and not answered yet when its event arrives.
    const creation = holdCreation();
    const initiating = t
      .as(creator)
      .post(INITIATE)
      .then((res) => res);
    await creation.arrived;
    const accountId = accountsOf(creator.userId)[0].id as string;
    const { body, signature } = reportRestricted(accountId, creator.userId);
    expect((await t.http.post('/api/v1/webhooks/stripe').set('Stripe-Signature', signature).set('Content-Type', 'application/json').send(body)).status).toBe(
      200,
    );

    creation.release();
    const res = await initiating;
    expect(res.status).toBe(201);
    expect(res.body.data.accountId).toBe(accountId);
    expect(await storedProfile(creator.userId)).toMatchObject({
      stripeAccountId: accountId,
      stripeAccountApi: api,
      stripeAccountStatus: StripeAccountStatus.RESTRICTED,
      stripeAccountIdempotencyKey: null,
    });
  });

  it("409 from Stripe (a request with the same key still running) is no answer: the key stays, and the retry gets that request's account", async () => {
    const creator = await createCreator(t.prisma, { stripeAccountId: null });
    stripe.setFault('idempotency_key_in_use', { operation: 'createAccount' });
    expectErrorEnvelope(await t.as(creator).post(INITIATE), 502, 'creator.stripe.upstream_error');
    const first = accountCreations().at(-1)!.idempotencyKey;
    expect((await storedProfile(creator.userId)).stripeAccountIdempotencyKey).toBe(first);

    stripe.setFault(null);
    expect((await t.as(creator).post(INITIATE)).status).toBe(201);
    expect(accountCreations().at(-1)!.idempotencyKey).toBe(first);
  });

  it('if an early event linked another account of the creator meanwhile, initiate answers with the stored one', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountId: null });
    const creation = holdCreation();
    const initiating = t
      .as(creator)
      .post(INITIATE)
      .then((res) => res);
    await creation.arrived;
    const other = accountIdFor('OtherOfTheSame');
    const { body, signature } = reportRestricted(other, creator.userId);
    expect((await t.http.post('/api/v1/webhooks/stripe').set('Stripe-Signature', signature).set('Content-Type', 'application/json').send(body)).status).toBe(
      200,
    );

    creation.release();
    const res = await initiating;
    expect(res.status).toBe(201);
    expect(res.body.data.accountId).toBe(other);
    expect(linkedAccount(accountLinks().at(-1)!.body)).toBe(other);
  });

  it('account created, then the onboarding link refused: 502, the account is kept, and the retry links it without creating another', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountId: null });
    stripe.setFault('server_error', { operation: 'createAccountLink' });
    expectErrorEnvelope(await t.as(creator).post(INITIATE), 502, 'creator.stripe.upstream_error');
    const [created] = accountsOf(creator.userId);
    expect(await storedProfile(creator.userId)).toMatchObject({ stripeAccountId: created.id, stripeAccountStatus: StripeAccountStatus.PENDING });

    stripe.setFault(null);
    const retry = await t.as(creator).post(INITIATE);
    expect(retry.status).toBe(201);
    expect(retry.body.data.accountId).toBe(created.id);
    expect(accountsOf(creator.userId)).toHaveLength(1);
  });

  it.each(['connect_not_enabled', 'invalid_return_url'] as const)(
    "502 creator.stripe.upstream_error when Stripe refuses the platform (%s), not a creator error; the claim is released; the log keeps Stripe's request id, type and code",
    async (fault) => {
      const creator = await createCreator(t.prisma, { stripeAccountId: null });
      stripe.setFault(fault);
      const res = await t.as(creator).post(INITIATE);
      expectErrorEnvelope(res, 502, 'creator.stripe.upstream_error');
      expect(await storedProfile(creator.userId)).toMatchObject({
        stripeAccountId: null,
        stripeAccountStatus: StripeAccountStatus.NOT_STARTED,
      });
      const line = await t.requestLog(res.headers['x-request-id']);
      expect(line).toMatchObject({ stripeRequestId: expect.stringMatching(/^req_/), stripeErrorType: 'StripeInvalidRequestError' });
      if (fault === 'invalid_return_url') expect(line).toMatchObject({ stripeErrorCode: 'url_invalid' });
      expect(JSON.stringify(line)).not.toContain('signed up for Connect');
    },
  );

  it("502 creator.stripe.upstream_error when Stripe refuses the onboarding link of an existing account for the platform's setup", async () => {
    const creator = await createCreator(t.prisma, {
      stripeAccountId: accountIdFor('ExistingSetup'),
      stripeAccountStatus: StripeAccountStatus.PENDING,
      stripeAccountApi: api,
    });
    stripe.setFault('connect_not_enabled');
    expectErrorEnvelope(await t.as(creator).post(INITIATE), 502, 'creator.stripe.upstream_error');
    expect(await t.prisma.creatorProfile.findUniqueOrThrow({ where: { userId: creator.userId } })).toMatchObject({
      stripeAccountStatus: StripeAccountStatus.PENDING,
    });
  });

  it('409 creator.stripe.connect_in_progress while another request holds a fresh claim; a stale claim is taken over', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountId: null, stripeAccountStatus: StripeAccountStatus.PENDING });
    expectErrorEnvelope(await t.as(creator).post(INITIATE), 409, 'creator.stripe.connect_in_progress');

    // The request that claimed it died long ago.
    await t.prisma.creatorProfile.update({ where: { userId: creator.userId }, data: { updatedAt: new Date(Date.now() - 3_600_000) } });
    const res = await t.as(creator).post(INITIATE);
    expect(res.status).toBe(201);
    expect(accountsOf(creator.userId).map((account) => account.id)).toEqual([res.body.data.accountId]);
  });

  it('50 concurrent initiates over HTTP: 10 pass the per-user limit, exactly one Stripe account is created', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountId: null });
    stripe.setFault({ delayMs: 150 }); // a slow Stripe widens the race window
    const creations = accountCreations().length;

    const answers = await Promise.all(Array.from({ length: 50 }, () => t.as(creator).post(INITIATE)));

    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40);
    expect(accountCreations().length - creations).toBe(1);
    const [created] = accountsOf(creator.userId);
    for (const res of answers.filter((answer) => answer.status !== 429)) {
      if (res.status === 201) expect(res.body.data.accountId).toBe(created.id);
      else expectErrorEnvelope(res, 409, 'creator.stripe.connect_in_progress');
    }
    expect(statuses).toContain(201);
    expect((await storedProfile(creator.userId)).stripeAccountId).toBe(created.id);
  });

  it('50 concurrent initiates past the limiter (service level): exactly one account; the others get it or 409', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountId: null });
    stripe.setFault({ delayMs: 150 });
    const creations = accountCreations().length;
    const service = t.app.get(StripeConnectService);

    const results = await Promise.allSettled(Array.from({ length: 50 }, () => service.initiate(creator.userId)));

    expect(accountCreations().length - creations).toBe(1);
    const [created] = accountsOf(creator.userId);
    for (const result of results) {
      if (result.status === 'fulfilled') expect(result.value.accountId).toBe(created.id);
      else expect(result.reason).toEqual(expect.objectContaining({ i18nKey: 'creator.stripe.connect_in_progress', status: HttpStatus.CONFLICT }));
    }
    const rejected = results.filter((result) => result.status === 'rejected');
    expect(rejected.every((result) => result.reason instanceof StripeConnectException)).toBe(true);
    expect(results.filter((result) => result.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
  });

  it('the whole journey: initiate → onboarding on Stripe (an event) → status ACTIVE → dashboard link', async () => {
    const creator = await createCreator(t.prisma, { stripeAccountId: null });

    const initiated = await t.as(creator).post(INITIATE);
    expect(initiated.status).toBe(201);
    const accountId: string = initiated.body.data.accountId;
    expectErrorEnvelope(await t.as(creator).post('/api/v1/creators/stripe-connect/dashboard-link'), 400, 'creator.stripe.not_active');

    // The creator finishes onboarding on Stripe; Stripe's account now says so, and Stripe tells the platform.
    let delivery: { body: string; signature: string };
    if (api === StripeAccountApi.V1) {
      stripe.putAccount({ id: accountId, ...stripeAccountFields(ACTIVE_ACCOUNT) });
      delivery = signed(connectEvent('account.updated', accountId, { account: ACTIVE_ACCOUNT }));
    } else {
      stripe.putAccount({ id: accountId, ...v2AccountFields('active') });
      delivery = signed(stripe.thinEvent('v2.core.account[configuration.recipient].capability_status_updated', accountId));
    }
    const hook = await t.http
      .post('/api/v1/webhooks/stripe')
      .set('Stripe-Signature', delivery.signature)
      .set('Content-Type', 'application/json')
      .send(delivery.body);
    expect(hook.status).toBe(200);

    const status = await t.as(creator).get('/api/v1/creators/stripe-connect/status');
    expect(status.body).toEqual({
      success: true,
      // A v2 recipient takes no card payments: charges stay false, and ACTIVE follows transfers and payouts.
      data: {
        stripeAccountId: accountId,
        stripeAccountStatus: 'ACTIVE',
        chargesEnabled: api === StripeAccountApi.V1,
        payoutsEnabled: true,
        detailsSubmitted: true,
      },
    });

    const link = await t.as(creator).post('/api/v1/creators/stripe-connect/dashboard-link');
    expect(link.status).toBe(200);
    expect(link.body.data.url).toMatch(/^https:\/\//);
  });
});
