import type { TestingModule } from '@nestjs/testing';
import { FakeStripeApi, stripeError } from '../test/fake-stripe-api';
import { InMemoryConnectAccountStore } from '../test/in-memory-connect-account-store';
import { stripeConnectTestingModule } from '../test/stripe-connect-testing-module';
import { AccountStateService } from './account-state.service';
import type { StripeConnectHooks } from './options';
import { type AccountState, DEAUTHORIZED, type StripeAccountApi, type StripeAccountStatus } from './store/connect-account-store';
import { StripeConnectService } from './stripe-connect.service';
import type { StripeFailure } from './stripe/stripe-errors';

const CREATOR = 'creator-1';
const ACCOUNT = 'acct_creator1';

/** A v1 account as `GET /v1/accounts/{id}` answers it (the fields the status depends on). */
function v1Account(flags: { charges: boolean; payouts: boolean; details: boolean; disabledReason?: string }) {
  return {
    id: ACCOUNT,
    object: 'account',
    charges_enabled: flags.charges,
    payouts_enabled: flags.payouts,
    details_submitted: flags.details,
    requirements: { disabled_reason: flags.disabledReason ?? null },
    metadata: { platformUserId: CREATOR },
  };
}

type Capability = 'active' | 'pending' | 'restricted' | 'rejected' | 'unsupported';
/** A v2 recipient account as `GET /v2/core/accounts/{id}` answers it with `include` of the recipient configuration and identity. */
function v2Account(fields: { transfers: Capability; payouts?: Capability; termsAccepted: boolean; closed?: boolean }) {
  const capability = (status: Capability) => ({ status, status_details: [] });
  return {
    id: ACCOUNT,
    object: 'v2.core.account',
    closed: fields.closed ?? false,
    configuration: {
      recipient: {
        applied: true,
        capabilities: {
          stripe_balance: { stripe_transfers: capability(fields.transfers), ...(fields.payouts && { payouts: capability(fields.payouts) }) },
        },
      },
    },
    identity: fields.termsAccepted ? { attestations: { terms_of_service: { account: { date: '2026-12-01T10:00:00.000Z', ip: '203.0.113.7' } } } } : {},
    metadata: { platformUserId: CREATOR },
  };
}

const state = (stripeAccountStatus: StripeAccountStatus, stripeChargesEnabled: boolean, stripePayoutsEnabled: boolean): AccountState => ({
  stripeAccountStatus,
  stripeChargesEnabled,
  stripePayoutsEnabled,
});

type HookCall = { hook: string } & Record<string, unknown>;

describe('AccountStateService: what a status read stores, and which hooks hear of it', () => {
  let store: InMemoryConnectAccountStore;
  let stripe: FakeStripeApi;
  let moduleRef: TestingModule;
  let hookCalls: HookCall[];
  let failures: StripeFailure[];

  async function compile(): Promise<{ service: StripeConnectService; accountStates: AccountStateService }> {
    const hooks: StripeConnectHooks = {
      statusChanged: (change) => hookCalls.push({ hook: 'statusChanged', ...change }),
      accountReady: (account) => hookCalls.push({ hook: 'accountReady', ...account }),
      accountClosed: (account) => hookCalls.push({ hook: 'accountClosed', ...account }),
    };
    moduleRef = await stripeConnectTestingModule(store, stripe, { hooks, telemetry: { stripeFailure: (failure) => failures.push(failure) } }).compile();
    return { service: moduleRef.get(StripeConnectService), accountStates: moduleRef.get(AccountStateService) };
  }

  function addAccount(api: StripeAccountApi, stored: AccountState, observed: { from: Date; to: Date } | null = null): void {
    store.addCreator(CREATOR, {
      stripeAccountId: ACCOUNT,
      stripeAccountApi: api,
      ...stored,
      observedFrom: observed?.from ?? null,
      observedTo: observed?.to ?? null,
    });
  }

  beforeEach(() => {
    store = new InMemoryConnectAccountStore();
    stripe = new FakeStripeApi();
    hookCalls = [];
    failures = [];
  });

  afterEach(async () => {
    await moduleRef?.close();
  });

  describe('GET status: the account read from Stripe on its own API, written back', () => {
    const changed = (from: StripeAccountStatus, to: StripeAccountStatus) => ({ hook: 'statusChanged', userId: CREATOR, accountId: ACCOUNT, from, to });
    const ready = { hook: 'accountReady', userId: CREATOR, accountId: ACCOUNT };
    const closed = { hook: 'accountClosed', userId: CREATOR, accountId: ACCOUNT, reason: 'closed' };

    it.each([
      // v1: the account's own flags.
      [
        'v1 charges and payouts enabled: ACTIVE, the creator can be paid',
        'V1',
        state('PENDING', false, false),
        v1Account({ charges: true, payouts: true, details: true }),
        state('ACTIVE', true, true),
        true,
        [changed('PENDING', 'ACTIVE'), ready],
      ],
      [
        'v1 rejected: DISABLED (a rejection, not a lost account)',
        'V1',
        state('ACTIVE', true, true),
        v1Account({ charges: false, payouts: false, details: true, disabledReason: 'rejected.fraud' }),
        state('DISABLED', false, false),
        true,
        [changed('ACTIVE', 'DISABLED')],
      ],
      [
        'v1 submitted, payouts not enabled: RESTRICTED',
        'V1',
        state('PENDING', false, false),
        v1Account({ charges: true, payouts: false, details: true }),
        state('RESTRICTED', true, false),
        true,
        [changed('PENDING', 'RESTRICTED')],
      ],
      [
        'v1 a flag changes, the status does not: the flag is written, no hook',
        'V1',
        state('RESTRICTED', false, false),
        v1Account({ charges: true, payouts: false, details: true }),
        state('RESTRICTED', true, false),
        true,
        [],
      ],
      [
        'v1 nothing changed: no hook',
        'V1',
        state('ACTIVE', true, true),
        v1Account({ charges: true, payouts: true, details: true }),
        state('ACTIVE', true, true),
        true,
        [],
      ],
      // v2: the recipient's capabilities; a recipient takes no card payments, so charges stay false.
      [
        'v2 transfers and payouts active: ACTIVE without charges',
        'V2',
        state('PENDING', false, false),
        v2Account({ transfers: 'active', payouts: 'active', termsAccepted: true }),
        state('ACTIVE', false, true),
        true,
        [changed('PENDING', 'ACTIVE'), ready],
      ],
      [
        'v2 transfers active, no payouts capability listed: ACTIVE, payouts follow transfers',
        'V2',
        state('RESTRICTED', false, false),
        v2Account({ transfers: 'active', termsAccepted: true }),
        state('ACTIVE', false, true),
        true,
        [changed('RESTRICTED', 'ACTIVE'), ready],
      ],
      [
        'v2 onboarding never submitted: PENDING, details not submitted',
        'V2',
        state('PENDING', false, false),
        v2Account({ transfers: 'restricted', payouts: 'restricted', termsAccepted: false }),
        state('PENDING', false, false),
        false,
        [],
      ],
      [
        'v2 transfers rejected: DISABLED, not closed',
        'V2',
        state('PENDING', false, false),
        v2Account({ transfers: 'rejected', payouts: 'rejected', termsAccepted: true }),
        state('DISABLED', false, false),
        true,
        [changed('PENDING', 'DISABLED')],
      ],
      [
        'v2 closed: DISABLED, and the platform lost it',
        'V2',
        state('ACTIVE', false, true),
        v2Account({ closed: true, transfers: 'restricted', payouts: 'restricted', termsAccepted: true }),
        state('DISABLED', false, false),
        true,
        [changed('ACTIVE', 'DISABLED'), closed],
      ],
      [
        'v2 closed when already DISABLED: no hook',
        'V2',
        state('DISABLED', false, false),
        v2Account({ closed: true, transfers: 'restricted', payouts: 'restricted', termsAccepted: true }),
        state('DISABLED', false, false),
        true,
        [],
      ],
    ] as const)('%s', async (_name, api, stored, stripeAccount, expected, detailsSubmitted, hooks) => {
      addAccount(api, stored);
      stripe.accounts.set(ACCOUNT, stripeAccount);
      const { service } = await compile();

      await expect(service.getStatus(CREATOR)).resolves.toEqual({
        stripeAccountId: ACCOUNT,
        stripeAccountStatus: expected.stripeAccountStatus,
        chargesEnabled: expected.stripeChargesEnabled,
        payoutsEnabled: expected.stripePayoutsEnabled,
        detailsSubmitted,
      });

      expect(stripe.routes).toEqual([api === 'V1' ? 'GET /v1/accounts/{id}' : 'GET /v2/core/accounts/{id}']);
      // One write: the state with when Stripe's account was so (the window is what keeps an older read from winning).
      expect(store.stateWrites).toEqual([{ accountId: ACCOUNT, state: expected, observed: { from: expect.any(Date), to: expect.any(Date) } }]);
      expect(store.row(CREATOR)).toMatchObject(expected);
      expect(hookCalls).toEqual(hooks);
    });

    it('a v2 account is read with the recipient configuration and identity included (Stripe omits them otherwise)', async () => {
      addAccount('V2', state('PENDING', false, false));
      stripe.accounts.set(ACCOUNT, v2Account({ transfers: 'active', termsAccepted: true }));
      const { service } = await compile();

      await service.getStatus(CREATOR);

      const [read] = stripe.sent('GET /v2/core/accounts/{id}');
      expect(read.path).toBe(`/v2/core/accounts/${ACCOUNT}`);
      const includes = [...read.query].filter(([name]) => /^include(\[\d*\])?$/.test(name)).map(([, value]) => value);
      expect(includes.sort()).toEqual(['configuration.recipient', 'identity']);
    });

    it('no account yet: NOT_STARTED with no Stripe call and nothing written', async () => {
      store.addCreator(CREATOR);
      const { service } = await compile();

      await expect(service.getStatus(CREATOR)).resolves.toEqual({
        stripeAccountId: null,
        stripeAccountStatus: 'NOT_STARTED',
        chargesEnabled: false,
        payoutsEnabled: false,
        detailsSubmitted: false,
      });
      expect(stripe.requests).toHaveLength(0);
      expect(store.stateWrites).toHaveLength(0);
    });

    it('after the account was deauthorized, a read stores DISABLED whatever Stripe says, and says so once', async () => {
      addAccount('V1', state('ACTIVE', true, true));
      stripe.accounts.set(ACCOUNT, v1Account({ charges: true, payouts: true, details: true }));
      await store.transaction((tx) => tx.recordEvent({ id: 'evt_deauthorized', type: DEAUTHORIZED, accountId: ACCOUNT, created: new Date() }));
      const { service } = await compile();
      const disabled = { stripeAccountId: ACCOUNT, stripeAccountStatus: 'DISABLED', chargesEnabled: false, payoutsEnabled: false, detailsSubmitted: false };

      await expect(service.getStatus(CREATOR)).resolves.toEqual(disabled);
      await expect(service.getStatus(CREATOR)).resolves.toEqual(disabled);

      expect(store.row(CREATOR)).toMatchObject(state('DISABLED', false, false));
      expect(store.stateWrites).toEqual([{ accountId: ACCOUNT, state: state('DISABLED', false, false) }]);
      expect(hookCalls).toEqual([
        { hook: 'statusChanged', userId: CREATOR, accountId: ACCOUNT, from: 'ACTIVE', to: 'DISABLED' },
        { hook: 'accountClosed', userId: CREATOR, accountId: ACCOUNT, reason: 'deauthorized' },
      ]);
    });
  });

  describe('applyNow: an observation is written only if it is newer than the stored one', () => {
    // The stored state was seen by Stripe between 10:00:10 and 10:00:11.
    const at = (seconds: number) => new Date(Date.UTC(2026, 11, 1, 10, 0, seconds));
    const storedWindow = { from: at(10), to: at(11) };

    beforeEach(() => {
      addAccount('V1', state('RESTRICTED', true, false), storedWindow);
    });

    it('older than what is stored: nothing written, no hook, Stripe not asked', async () => {
      const { accountStates } = await compile();

      const applied = await accountStates.applyNow(ACCOUNT, { state: state('PENDING', false, false), from: at(1), to: at(2) });

      expect(applied.outcome).toBe('stale');
      expect(applied.stored.state).toEqual(state('RESTRICTED', true, false));
      expect(store.stateWrites).toHaveLength(0);
      expect(store.row(CREATOR)).toMatchObject({ ...state('RESTRICTED', true, false), observedFrom: storedWindow.from, observedTo: storedWindow.to });
      expect(hookCalls).toEqual([]);
      expect(stripe.requests).toHaveLength(0);
    });

    it('newer: written with its window, and the hooks hear of the change', async () => {
      const { accountStates } = await compile();

      const applied = await accountStates.applyNow(ACCOUNT, { state: state('ACTIVE', true, true), from: at(20), to: at(21) });

      expect(applied.outcome).toBe('applied');
      expect(store.stateWrites).toEqual([{ accountId: ACCOUNT, state: state('ACTIVE', true, true), observed: { from: at(20), to: at(21) } }]);
      expect(hookCalls.map((call) => call.hook)).toEqual(['statusChanged', 'accountReady']);
      expect(stripe.requests).toHaveLength(0);
    });

    it('overlapping (which came last is unknown): Stripe is asked now, and its answer is written', async () => {
      stripe.accounts.set(ACCOUNT, v1Account({ charges: true, payouts: true, details: true }));
      const { accountStates } = await compile();

      const applied = await accountStates.applyNow(ACCOUNT, { state: state('PENDING', false, false), from: at(10), to: at(11) });

      expect(applied.outcome).toBe('applied_current');
      expect(stripe.routes).toEqual(['GET /v1/accounts/{id}']);
      expect(store.stateWrites).toEqual([
        { accountId: ACCOUNT, state: state('ACTIVE', true, true), observed: { from: expect.any(Date), to: expect.any(Date) } },
      ]);
      expect(hookCalls.map((call) => call.hook)).toEqual(['statusChanged', 'accountReady']);
    });

    it('overlapping, and Stripe cannot be asked: nothing written, the failure reported', async () => {
      stripe.answer('GET /v1/accounts/{id}', stripeError(500, 'api_error', 'An unknown error occurred'));
      const { accountStates } = await compile();

      const applied = await accountStates.applyNow(ACCOUNT, { state: state('PENDING', false, false), from: at(10), to: at(11) });

      expect(applied.outcome).toBe('unsettled');
      expect(store.stateWrites).toHaveLength(0);
      expect(hookCalls).toEqual([]);
      expect(failures).toEqual([{ stripeRequestId: 'req_unit_1', stripeErrorType: 'StripeAPIError', stripeErrorCode: undefined, stripeStatus: 500 }]);
    });
  });
});
