import type { TestingModule } from '@nestjs/testing';
import { type Answer, FakeStripeApi, type StripeRoute, stripeError } from '../../test/fake-stripe-api';
import { InMemoryConnectAccountStore } from '../../test/in-memory-connect-account-store';
import { stripeConnectTestingModule } from '../../test/stripe-connect-testing-module';
import { StripeConnectService } from '../stripe-connect.service';
import type { StripeFailure } from './stripe-errors';

const CREATOR = 'creator-1';
const ACCOUNT = 'acct_creator1';

// Stripe's answers, as its API sends them (v1 and v2 share the error body; v2 adds types of its own).
const CARD_ERROR = stripeError(402, 'card_error', 'Your card was declined.', { code: 'card_declined' });
const CONNECT_NOT_ENABLED = stripeError(400, 'invalid_request_error', "You can only create new accounts if you've signed up for Connect");
const V1_CREATION_REFUSED = stripeError(400, 'invalid_request_error', 'Stripe no longer recommends Accounts v1 for new Connect integrations.');
const ONBOARDING_INCOMPLETE = stripeError(400, 'invalid_request_error', 'Cannot create a login link for an account that has not completed onboarding.');
const BAD_RETURN_URL = stripeError(400, 'invalid_request_error', 'Not a valid URL', { code: 'url_invalid', param: 'return_url' });
const NO_SUCH_ACCOUNT_400 = stripeError(400, 'invalid_request_error', `No such account: '${ACCOUNT}'`, { code: 'resource_missing', param: 'account' });
const NO_SUCH_ACCOUNT_404 = stripeError(404, 'invalid_request_error', `No such account: '${ACCOUNT}'`, { code: 'resource_missing' });
const AUTHENTICATION = stripeError(401, 'invalid_request_error', 'Invalid API Key provided: sk_test_****unit', { code: 'api_key_expired' });
const PERMISSION = stripeError(403, 'invalid_request_error', 'The provided key does not have the required permissions for this endpoint.');
const RATE_LIMITED = stripeError(429, 'invalid_request_error', 'Too many requests hit the API too quickly.', { code: 'rate_limit' });
const SERVER_ERROR = stripeError(500, 'api_error', 'An unknown error occurred');
const UNAVAILABLE = stripeError(503, 'api_error', 'Service unavailable');
const KEY_REUSED = stripeError(400, 'idempotency_error', 'Keys for idempotent requests can only be used with the same parameters they were first used with.');
const KEY_IN_USE = stripeError(409, 'idempotency_error', 'There is currently another in-progress request using this Idempotent Key.', {
  code: 'idempotency_key_in_use',
});
// What a Stripe (or stand-in) without the v2 endpoints answers: a 404 that is no "no such account".
const UNRECOGNIZED_URL = stripeError(404, 'invalid_request_error', 'Unrecognized request URL (POST: /v2/core/accounts).');
const V2_INVALID_FIELDS = stripeError(400, undefined, 'use_case.account_onboarding.return_url is invalid', { code: 'invalid_fields' });
const V2_FEATURE_NOT_ENABLED = stripeError(400, 'feature_not_enabled', 'Accounts v2 is not enabled for this platform.');
const V2_BLOCKED = stripeError(400, 'blocked_by_stripe', 'This request was blocked by Stripe.');
const V2_RATE_LIMIT = stripeError(429, 'rate_limit', 'Too many requests.');

type Expected = readonly [i18nKey: string, status: number];
// The contract's keys and statuses ("Stripe failures"), written out.
const UPSTREAM_502: Expected = ['creator.stripe.upstream_error', 502];
const ACCOUNT_NOT_FOUND_400: Expected = ['creator.stripe.account_not_found', 400];
const NOT_ACTIVE_400: Expected = ['creator.stripe.not_active', 400];

/** A Stripe call the creator routes make, reached through the service method that makes it. */
interface Call {
  route: StripeRoute;
  accountsApi?: 'v1' | 'v2';
  /** The creator's stored account before the call (none: no account yet). */
  account?: { api: 'V1' | 'V2'; status: 'PENDING' | 'ACTIVE' };
  run(service: StripeConnectService): Promise<unknown>;
}

const CALLS = {
  'create account (v1)': { route: 'POST /v1/accounts', accountsApi: 'v1', run: (service) => service.initiate(CREATOR) },
  'create account (v2)': { route: 'POST /v2/core/accounts', accountsApi: 'v2', run: (service) => service.initiate(CREATOR) },
  'onboarding link (v1 account)': {
    route: 'POST /v1/account_links',
    account: { api: 'V1', status: 'PENDING' },
    run: (service) => service.refreshOnboardingLink(CREATOR),
  },
  'onboarding link (v2 account)': {
    route: 'POST /v2/core/account_links',
    account: { api: 'V2', status: 'PENDING' },
    run: (service) => service.refreshOnboardingLink(CREATOR),
  },
  'login link (v1 account)': {
    route: 'POST /v1/accounts/{id}/login_links',
    account: { api: 'V1', status: 'ACTIVE' },
    run: (service) => service.createDashboardLink(CREATOR),
  },
  'login link (v2 account)': {
    route: 'POST /v1/accounts/{id}/login_links',
    account: { api: 'V2', status: 'ACTIVE' },
    run: (service) => service.createDashboardLink(CREATOR),
  },
} satisfies Record<string, Call>;
type CallName = keyof typeof CALLS;

describe('Stripe failures per call (contract: "Stripe failures"): the error key and HTTP status the creator gets', () => {
  let store: InMemoryConnectAccountStore;
  let stripe: FakeStripeApi;
  let moduleRef: TestingModule;
  let failures: StripeFailure[];

  async function compile(accountsApi?: 'v1' | 'v2'): Promise<StripeConnectService> {
    moduleRef = await stripeConnectTestingModule(store, stripe, { accountsApi, telemetry: { stripeFailure: (failure) => failures.push(failure) } }).compile();
    return moduleRef.get(StripeConnectService);
  }

  async function failedCall(name: CallName, answer: Answer): Promise<unknown> {
    const call: Call = CALLS[name];
    if (call.account) {
      store.addCreator(CREATOR, { stripeAccountId: ACCOUNT, stripeAccountApi: call.account.api, stripeAccountStatus: call.account.status });
    }
    stripe.answer(call.route, answer);
    const service = await compile(call.accountsApi);
    const error = await call.run(service).then(
      () => {
        throw new Error('the call succeeded');
      },
      (failure: unknown) => failure,
    );
    expect(stripe.routes.at(-1)).toBe(call.route);
    return error;
  }

  beforeEach(() => {
    store = new InMemoryConnectAccountStore();
    stripe = new FakeStripeApi();
    failures = [];
    store.addCreator(CREATOR);
  });

  afterEach(async () => {
    await moduleRef?.close();
  });

  it.each<[CallName, string, Expected, Answer]>([
    // Account creation: every failure is the platform's or Stripe's, never the creator's (502).
    ['create account (v1)', 'card_error', UPSTREAM_502, CARD_ERROR],
    ['create account (v1)', 'invalid request: Connect not enabled', UPSTREAM_502, CONNECT_NOT_ENABLED],
    ['create account (v1)', 'invalid request: v1 creation refused for a new platform', UPSTREAM_502, V1_CREATION_REFUSED],
    ['create account (v1)', 'authentication error', UPSTREAM_502, AUTHENTICATION],
    ['create account (v1)', 'permission error', UPSTREAM_502, PERMISSION],
    ['create account (v1)', 'rate limited', UPSTREAM_502, RATE_LIMITED],
    ['create account (v1)', '500 api_error', UPSTREAM_502, SERVER_ERROR],
    ['create account (v1)', '400 idempotency_error', UPSTREAM_502, KEY_REUSED],
    ['create account (v1)', '409 idempotency_error', UPSTREAM_502, KEY_IN_USE],
    ['create account (v1)', 'timeout', UPSTREAM_502, 'timeout'],
    ['create account (v1)', 'connection failed', UPSTREAM_502, 'connection_error'],
    ['create account (v2)', 'invalid request: Connect not enabled', UPSTREAM_502, CONNECT_NOT_ENABLED],
    ['create account (v2)', '404 unrecognized URL (no v2 there)', UPSTREAM_502, UNRECOGNIZED_URL],
    ['create account (v2)', 'v2 invalid_fields', UPSTREAM_502, V2_INVALID_FIELDS],
    ['create account (v2)', 'v2 feature_not_enabled', UPSTREAM_502, V2_FEATURE_NOT_ENABLED],
    ['create account (v2)', 'v2 blocked_by_stripe', UPSTREAM_502, V2_BLOCKED],
    ['create account (v2)', 'v2 rate_limit', UPSTREAM_502, V2_RATE_LIMIT],
    ['create account (v2)', 'authentication error', UPSTREAM_502, AUTHENTICATION],
    ['create account (v2)', 'permission error', UPSTREAM_502, PERMISSION],
    ['create account (v2)', '500 api_error', UPSTREAM_502, SERVER_ERROR],
    ['create account (v2)', '503', UPSTREAM_502, UNAVAILABLE],
    ['create account (v2)', '400 idempotency_error', UPSTREAM_502, KEY_REUSED],
    ['create account (v2)', '409 idempotency_error', UPSTREAM_502, KEY_IN_USE],
    ['create account (v2)', 'timeout', UPSTREAM_502, 'timeout'],
    ['create account (v2)', 'connection failed', UPSTREAM_502, 'connection_error'],
    // Onboarding links: the stored account gone is the creator's (400); any other invalid request is the platform's setup (502).
    ['onboarding link (v1 account)', 'no such account (400 resource_missing)', ACCOUNT_NOT_FOUND_400, NO_SUCH_ACCOUNT_400],
    ['onboarding link (v1 account)', 'invalid request: bad return URL', UPSTREAM_502, BAD_RETURN_URL],
    ['onboarding link (v1 account)', 'invalid request: Connect not enabled', UPSTREAM_502, CONNECT_NOT_ENABLED],
    ['onboarding link (v1 account)', 'card_error', UPSTREAM_502, CARD_ERROR],
    ['onboarding link (v1 account)', 'authentication error', UPSTREAM_502, AUTHENTICATION],
    ['onboarding link (v1 account)', 'permission error', UPSTREAM_502, PERMISSION],
    ['onboarding link (v1 account)', 'rate limited', UPSTREAM_502, RATE_LIMITED],
    ['onboarding link (v1 account)', '500 api_error', UPSTREAM_502, SERVER_ERROR],
    ['onboarding link (v1 account)', '400 idempotency_error', UPSTREAM_502, KEY_REUSED],
    ['onboarding link (v1 account)', 'timeout', UPSTREAM_502, 'timeout'],
    ['onboarding link (v1 account)', 'connection failed', UPSTREAM_502, 'connection_error'],
    ['onboarding link (v2 account)', 'no such account (404)', ACCOUNT_NOT_FOUND_400, NO_SUCH_ACCOUNT_404],
    ['onboarding link (v2 account)', 'no such account (400 resource_missing)', ACCOUNT_NOT_FOUND_400, NO_SUCH_ACCOUNT_400],
    ['onboarding link (v2 account)', 'v2 invalid_fields', UPSTREAM_502, V2_INVALID_FIELDS],
    ['onboarding link (v2 account)', 'v2 feature_not_enabled', UPSTREAM_502, V2_FEATURE_NOT_ENABLED],
    ['onboarding link (v2 account)', 'v2 rate_limit', UPSTREAM_502, V2_RATE_LIMIT],
    ['onboarding link (v2 account)', 'authentication error', UPSTREAM_502, AUTHENTICATION],
    ['onboarding link (v2 account)', '500 api_error', UPSTREAM_502, SERVER_ERROR],
    ['onboarding link (v2 account)', '409 idempotency_error', UPSTREAM_502, KEY_IN_USE],
    ['onboarding link (v2 account)', 'timeout', UPSTREAM_502, 'timeout'],
    // Login links (one v1 endpoint for both kinds): refused for the account's own state is the creator's "finish onboarding".
    ['login link (v1 account)', 'invalid request: onboarding not complete', NOT_ACTIVE_400, ONBOARDING_INCOMPLETE],
    ['login link (v1 account)', 'no such account (404 resource_missing)', ACCOUNT_NOT_FOUND_400, NO_SUCH_ACCOUNT_404],
    ['login link (v1 account)', 'invalid request about a parameter', UPSTREAM_502, BAD_RETURN_URL],
    ['login link (v1 account)', 'card_error', UPSTREAM_502, CARD_ERROR],
    ['login link (v1 account)', 'authentication error', UPSTREAM_502, AUTHENTICATION],
    ['login link (v1 account)', 'permission error', UPSTREAM_502, PERMISSION],
    ['login link (v1 account)', 'rate limited', UPSTREAM_502, RATE_LIMITED],
    ['login link (v1 account)', '500 api_error', UPSTREAM_502, SERVER_ERROR],
    ['login link (v1 account)', '400 idempotency_error', UPSTREAM_502, KEY_REUSED],
    ['login link (v1 account)', '409 idempotency_error', UPSTREAM_502, KEY_IN_USE],
    ['login link (v1 account)', 'timeout', UPSTREAM_502, 'timeout'],
    ['login link (v1 account)', 'connection failed', UPSTREAM_502, 'connection_error'],
    ['login link (v2 account)', 'invalid request: onboarding not complete', NOT_ACTIVE_400, ONBOARDING_INCOMPLETE],
    ['login link (v2 account)', 'no such account (404 resource_missing)', ACCOUNT_NOT_FOUND_400, NO_SUCH_ACCOUNT_404],
    ['login link (v2 account)', 'authentication error', UPSTREAM_502, AUTHENTICATION],
    ['login link (v2 account)', '503', UPSTREAM_502, UNAVAILABLE],
    ['login link (v2 account)', 'timeout', UPSTREAM_502, 'timeout'],
  ])('%s, Stripe answers %s → %j', async (name, _answerName, [i18nKey, status], answer) => {
    const error = await failedCall(name, answer);

    expect(error).toMatchObject({ i18nKey, status });
  });

  it("Stripe's own text never reaches the creator; the operator's log gets Stripe's request id, error type and code", async () => {
    const error = await failedCall('login link (v1 account)', AUTHENTICATION);

    expect(error).toMatchObject({
      i18nKey: 'creator.stripe.upstream_error',
      message: 'creator.stripe.upstream_error',
      i18nVars: undefined,
      details: undefined,
    });
    expect(failures).toEqual([
      { stripeRequestId: 'req_unit_1', stripeErrorType: 'StripeAuthenticationError', stripeErrorCode: 'api_key_expired', stripeStatus: 401 },
    ]);
  });

  describe('account read (GET status): whatever Stripe says, the stored values, detailsSubmitted unknown (false)', () => {
    it.each<['V1' | 'V2', string, Answer]>([
      ['V1', 'no such account (404)', NO_SUCH_ACCOUNT_404],
      ['V1', 'authentication error', AUTHENTICATION],
      ['V1', 'permission error', PERMISSION],
      ['V1', 'rate limited', RATE_LIMITED],
      ['V1', '500 api_error', SERVER_ERROR],
      ['V1', 'timeout', 'timeout'],
      ['V1', 'connection failed', 'connection_error'],
      ['V2', 'no such account (404)', NO_SUCH_ACCOUNT_404],
      ['V2', 'v2 feature_not_enabled', V2_FEATURE_NOT_ENABLED],
      ['V2', 'v2 rate_limit', V2_RATE_LIMIT],
      ['V2', '503', UNAVAILABLE],
      ['V2', 'timeout', 'timeout'],
    ])('%s account, Stripe answers %s', async (api, _answerName, answer) => {
      store.addCreator(CREATOR, {
        stripeAccountId: ACCOUNT,
        stripeAccountApi: api,
        stripeAccountStatus: 'RESTRICTED',
        stripeChargesEnabled: true,
        stripePayoutsEnabled: false,
      });
      stripe.answer(api === 'V1' ? 'GET /v1/accounts/{id}' : 'GET /v2/core/accounts/{id}', answer);
      const service = await compile();

      await expect(service.getStatus(CREATOR)).resolves.toEqual({
        stripeAccountId: ACCOUNT,
        stripeAccountStatus: 'RESTRICTED',
        chargesEnabled: true,
        payoutsEnabled: false,
        detailsSubmitted: false,
      });
      expect(stripe.requests).toHaveLength(1);
      expect(store.stateWrites).toEqual([]);
      expect(failures).toHaveLength(1);
    });
  });
});
