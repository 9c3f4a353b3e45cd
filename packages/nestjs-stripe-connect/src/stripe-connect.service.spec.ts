import type { TestingModule } from '@nestjs/testing';
import { type Answer, deferred, FakeStripeApi, type StripeRoute, stripeError } from '../test/fake-stripe-api';
import { InMemoryConnectAccountStore } from '../test/in-memory-connect-account-store';
import { REFRESH_URL, RETURN_URL, stripeConnectTestingModule } from '../test/stripe-connect-testing-module';
import { StripeConnectService } from './stripe-connect.service';

const CREATOR = 'creator-1';
const KEY_FORMAT = /^connect-account-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('StripeConnectService.initiate: one account per creator, created under a claim', () => {
  let store: InMemoryConnectAccountStore;
  let stripe: FakeStripeApi;
  const modules: TestingModule[] = [];

  async function compile(options: { accountsApi?: 'v1' | 'v2' } = {}, withStripe = true): Promise<StripeConnectService> {
    const moduleRef = await stripeConnectTestingModule(store, withStripe ? stripe : null, options).compile();
    modules.push(moduleRef);
    return moduleRef.get(StripeConnectService);
  }

  beforeEach(() => {
    store = new InMemoryConnectAccountStore();
    stripe = new FakeStripeApi();
    store.addCreator(CREATOR);
  });

  afterEach(async () => {
    await Promise.all(modules.splice(0).map((moduleRef) => moduleRef.close()));
  });

  it('v2 (the default): creates the account once with the Idempotency-Key its claim holds, stores it PENDING, returns its onboarding link', async () => {
    const service = await compile();
    let rowWhileCreating: unknown;
    stripe.answer('POST /v2/core/accounts', () => {
      rowWhileCreating = store.row(CREATOR);
      return { status: 200, body: { id: 'acct_v2new', object: 'v2.core.account' } };
    });

    await expect(service.initiate(CREATOR)).resolves.toEqual({ accountId: 'acct_v2new', onboardingUrl: 'https://connect.stripe.com/setup/e/acct_v2new/link1' });

    expect(stripe.routes).toEqual(['POST /v2/core/accounts', 'POST /v2/core/account_links']);
    const [create] = stripe.sent('POST /v2/core/accounts');
    const key = create.headers.get('idempotency-key');
    expect(key).toMatch(KEY_FORMAT);
    // The claim holds the key while Stripe is asked: a request that dies here leaves it for the next attempt.
    expect(rowWhileCreating).toMatchObject({ stripeAccountId: null, stripeAccountStatus: 'PENDING', creationKey: key, stripeAccountApi: 'V2' });
    expect(create.body).toEqual({
      dashboard: 'express',
      contact_email: 'creator-1@creators.example',
      configuration: { recipient: { capabilities: { stripe_balance: { stripe_transfers: { requested: true } } } } },
      defaults: { responsibilities: { fees_collector: 'application', losses_collector: 'application' } },
      metadata: { platformUserId: 'creator-1' },
    });
    expect(stripe.sent('POST /v2/core/account_links')[0].body).toEqual({
      account: 'acct_v2new',
      use_case: { type: 'account_onboarding', account_onboarding: { refresh_url: REFRESH_URL, return_url: RETURN_URL } },
    });
    expect(store.row(CREATOR)).toMatchObject({ stripeAccountId: 'acct_v2new', stripeAccountApi: 'V2', stripeAccountStatus: 'PENDING', creationKey: null });
  });

  it('v1: an Express-dashboard account by controller properties (not the deprecated type), and a v1 onboarding link', async () => {
    const service = await compile({ accountsApi: 'v1' });

    await expect(service.initiate(CREATOR)).resolves.toEqual({
      accountId: 'acct_created1',
      onboardingUrl: 'https://connect.stripe.com/setup/e/acct_created1/link1',
    });

    expect(stripe.routes).toEqual(['POST /v1/accounts', 'POST /v1/account_links']);
    const [create] = stripe.sent('POST /v1/accounts');
    expect(create.headers.get('idempotency-key')).toMatch(KEY_FORMAT);
    expect(create.body).toEqual({
      'controller[stripe_dashboard][type]': 'express',
      'controller[fees][payer]': 'application',
      'controller[losses][payments]': 'application',
      'controller[requirement_collection]': 'stripe',
      email: 'creator-1@creators.example',
      'capabilities[transfers][requested]': 'true',
      'metadata[platformUserId]': 'creator-1',
    });
    expect(stripe.sent('POST /v1/account_links')[0].body).toEqual({
      account: 'acct_created1',
      type: 'account_onboarding',
      refresh_url: REFRESH_URL,
      return_url: RETURN_URL,
    });
    expect(store.row(CREATOR)).toMatchObject({ stripeAccountId: 'acct_created1', stripeAccountApi: 'V1', stripeAccountStatus: 'PENDING', creationKey: null });
  });

  it('a creator with an account gets a fresh link to it on every call, on its own API, and never a second account', async () => {
    store.addCreator('creator-2', { stripeAccountId: 'acct_existing', stripeAccountApi: 'V1', stripeAccountStatus: 'RESTRICTED' });
    const service = await compile({ accountsApi: 'v2' });

    const first = await service.initiate('creator-2');
    const second = await service.initiate('creator-2');

    expect(first).toEqual({ accountId: 'acct_existing', onboardingUrl: 'https://connect.stripe.com/setup/e/acct_existing/link1' });
    expect(second).toEqual({ accountId: 'acct_existing', onboardingUrl: 'https://connect.stripe.com/setup/e/acct_existing/link2' });
    expect(stripe.routes).toEqual(['POST /v1/account_links', 'POST /v1/account_links']);
    expect(store.row('creator-2').stripeAccountStatus).toBe('RESTRICTED');
  });

  it('a second initiate while the first is creating the account gets 409 connect_in_progress; afterwards, a link to the one account', async () => {
    const service = await compile();
    const inFlight = deferred<void>();
    const stripeAnswers = deferred<Answer>();
    stripe.answer('POST /v2/core/accounts', () => {
      inFlight.resolve();
      return stripeAnswers.promise;
    });

    const first = service.initiate(CREATOR);
    await inFlight.promise;
    await expect(service.initiate(CREATOR)).rejects.toMatchObject({ i18nKey: 'creator.stripe.connect_in_progress', status: 409 });

    stripeAnswers.resolve({ status: 200, body: { id: 'acct_once', object: 'v2.core.account' } });
    await expect(first).resolves.toMatchObject({ accountId: 'acct_once' });
    await expect(service.initiate(CREATOR)).resolves.toMatchObject({ accountId: 'acct_once' });
    expect(stripe.sent('POST /v2/core/accounts')).toHaveLength(1);
  });

  it('two initiates at the same moment: one account, and the other caller is told it is in progress', async () => {
    const service = await compile();

    const results = await Promise.allSettled([service.initiate(CREATOR), service.initiate(CREATOR)]);

    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: { i18nKey: 'creator.stripe.connect_in_progress' } });
    expect(stripe.sent('POST /v2/core/accounts')).toHaveLength(1);
    expect(store.row(CREATOR).stripeAccountId).toBe('acct_created1');
  });

  // Stripe replays the first answer to a key for 24 h (v1: 5xx included) and refuses it with other parameters, so
  // after a definite answer the next attempt needs a new key; after an unknown outcome (no answer, or 409: a request
  // with the key is still running; v2: a 5xx, which v2 does not replay) it must send the same key, or a second
  // account could appear.
  it.each<[string, 'same key' | 'new key', 'v1' | 'v2', StripeRoute, Answer]>([
    [
      'v1, invalid request (Connect not enabled)',
      'new key',
      'v1',
      'POST /v1/accounts',
      stripeError(400, 'invalid_request_error', "You can only create new accounts if you've signed up for Connect"),
    ],
    [
      'v1, authentication error',
      'new key',
      'v1',
      'POST /v1/accounts',
      stripeError(401, 'invalid_request_error', 'Invalid API Key provided', { code: 'api_key_expired' }),
    ],
    ['v1, rate limited', 'new key', 'v1', 'POST /v1/accounts', stripeError(429, 'invalid_request_error', 'Too many requests', { code: 'rate_limit' })],
    ['v1, 500 api_error (v1 replays it)', 'new key', 'v1', 'POST /v1/accounts', stripeError(500, 'api_error', 'An unknown error occurred')],
    [
      'v1, 409 key in use',
      'same key',
      'v1',
      'POST /v1/accounts',
      stripeError(409, 'idempotency_error', 'Another request with this key is in progress', { code: 'idempotency_key_in_use' }),
    ],
    ['v1, timeout', 'same key', 'v1', 'POST /v1/accounts', 'timeout'],
    ['v1, connection failed', 'same key', 'v1', 'POST /v1/accounts', 'connection_error'],
    [
      'v2, invalid fields',
      'new key',
      'v2',
      'POST /v2/core/accounts',
      stripeError(400, undefined, 'defaults.responsibilities is invalid', { code: 'invalid_fields' }),
    ],
    [
      'v2, 400 idempotency_error',
      'new key',
      'v2',
      'POST /v2/core/accounts',
      stripeError(400, 'idempotency_error', 'Keys for idempotent requests can only be used with the same parameters'),
    ],
    ['v2, 500 (v2 does not replay it)', 'same key', 'v2', 'POST /v2/core/accounts', stripeError(500, 'api_error', 'An unknown error occurred')],
    ['v2, 503', 'same key', 'v2', 'POST /v2/core/accounts', stripeError(503, 'api_error', 'Service unavailable')],
    ['v2, 409 key in use', 'same key', 'v2', 'POST /v2/core/accounts', stripeError(409, 'idempotency_error', 'Another request with this key is in progress')],
    ['v2, timeout', 'same key', 'v2', 'POST /v2/core/accounts', 'timeout'],
  ])('Stripe fails (%s): 502, the claim released; the next attempt sends the %s', async (_name, nextKey, accountsApi, route, failure) => {
    const service = await compile({ accountsApi });
    stripe.answer(route, failure);

    await expect(service.initiate(CREATOR)).rejects.toMatchObject({ i18nKey: 'creator.stripe.upstream_error', status: 502 });
    const firstKey = stripe.sent(route)[0].headers.get('idempotency-key');
    expect(store.row(CREATOR)).toMatchObject({
      stripeAccountId: null,
      stripeAccountStatus: 'NOT_STARTED',
      creationKey: nextKey === 'same key' ? firstKey : null,
    });

    await expect(service.initiate(CREATOR)).resolves.toMatchObject({ accountId: 'acct_created1' });
    const secondKey = stripe.sent(route)[1].headers.get('idempotency-key');
    expect(secondKey).toMatch(KEY_FORMAT);
    if (nextKey === 'same key') expect(secondKey).toBe(firstKey);
    else expect(secondKey).not.toBe(firstKey);
    expect(store.row(CREATOR)).toMatchObject({ stripeAccountId: 'acct_created1', stripeAccountStatus: 'PENDING', creationKey: null });
  });

  it('a kept key is retried on the API it was sent to, even after the setting changed', async () => {
    stripe.answer('POST /v2/core/accounts', 'timeout');
    await expect((await compile({ accountsApi: 'v2' })).initiate(CREATOR)).rejects.toMatchObject({ i18nKey: 'creator.stripe.upstream_error' });
    const key = stripe.sent('POST /v2/core/accounts')[0].headers.get('idempotency-key');

    await expect((await compile({ accountsApi: 'v1' })).initiate(CREATOR)).resolves.toMatchObject({ accountId: 'acct_created1' });

    expect(stripe.routes).toEqual(['POST /v2/core/accounts', 'POST /v2/core/accounts', 'POST /v2/core/account_links']);
    expect(stripe.sent('POST /v2/core/accounts')[1].headers.get('idempotency-key')).toBe(key);
    expect(store.row(CREATOR).stripeAccountApi).toBe('V2');
  });

  // With timeoutMs 10 000 and no retries, a call takes at most 10 s + 5 s; a claim expires 5 s after that: 20 s.
  it.each([
    ['21 s ago: its request died, the claim is taken over with its key', 21_000, 'taken over'],
    ['19 s ago: its request may still be running', 19_000, 'in progress'],
  ] as const)('a claim made %s', async (_name, ageMs, expected) => {
    store.addCreator(CREATOR, {
      stripeAccountStatus: 'PENDING',
      stripeAccountApi: 'V2',
      creationKey: 'connect-account-of-a-request-that-died',
      updatedAt: new Date(Date.now() - ageMs),
    });
    const service = await compile();

    if (expected === 'in progress') {
      await expect(service.initiate(CREATOR)).rejects.toMatchObject({ i18nKey: 'creator.stripe.connect_in_progress', status: 409 });
      expect(stripe.requests).toHaveLength(0);
      return;
    }
    await expect(service.initiate(CREATOR)).resolves.toMatchObject({ accountId: 'acct_created1' });
    expect(stripe.sent('POST /v2/core/accounts').map((request) => request.headers.get('idempotency-key'))).toEqual(['connect-account-of-a-request-that-died']);
  });

  it('an account the webhook linked while Stripe created it (from its metadata) is kept, and onboarded', async () => {
    const service = await compile();
    stripe.answer('POST /v2/core/accounts', async () => {
      await store.transaction((tx) => tx.linkPendingCreation(CREATOR, 'acct_early'));
      return { status: 200, body: { id: 'acct_early', object: 'v2.core.account' } };
    });

    await expect(service.initiate(CREATOR)).resolves.toMatchObject({ accountId: 'acct_early' });

    expect(stripe.sent('POST /v2/core/account_links')[0].body).toMatchObject({ account: 'acct_early' });
    expect(store.row(CREATOR)).toMatchObject({ stripeAccountId: 'acct_early', creationKey: null });
  });

  it.each([
    ['no creator profile', 'someone-else', true, { i18nKey: 'creator.stripe.not_creator', status: 404 }],
    ['KYC not approved', 'not-approved', true, { i18nKey: 'creator.stripe.kyc_required', status: 400 }],
    ['no Stripe key', CREATOR, false, { i18nKey: 'creator.stripe.service_unavailable', status: 400 }],
  ] as const)('refused before any claim (%s): nothing asked of Stripe, nothing written', async (_name, userId, withStripe, expected) => {
    store.addCreator('not-approved', { mayOnboard: false });
    const service = await compile({}, withStripe);
    const before = [store.row(CREATOR), store.row('not-approved')];

    await expect(service.initiate(userId)).rejects.toMatchObject(expected);

    expect(stripe.requests).toHaveLength(0);
    expect([store.row(CREATOR), store.row('not-approved')]).toEqual(before);
  });
});
