import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { AccountStateService } from '../src/account-state.service';
import { ConnectedAccountsService } from '../src/connected-accounts.service';
import { HooksRunnerService } from '../src/hooks-runner.service';
import { resolveOptions, type StripeConnectModuleOptions } from '../src/options';
import { ConnectAccountStore } from '../src/store/connect-account-store';
import { StripeConnectService } from '../src/stripe-connect.service';
import { StripeService } from '../src/stripe/stripe.service';
import { STRIPE_CLIENT, STRIPE_CONNECT_OPTIONS } from '../src/tokens';
import type { FakeStripeApi } from './fake-stripe-api';
import type { InMemoryConnectAccountStore } from './in-memory-connect-account-store';

export const RETURN_URL = 'https://creators.example/payouts';
export const REFRESH_URL = 'https://creators.example/payouts/refresh';

/**
 * The module's own services as its module wires them, with the creators kept in `store` and Stripe's API in
 * `stripe` (null: no secret key). The options go through the module's own `resolveOptions`; no network retries, so
 * a failure is the module's to handle at once.
 */
export function stripeConnectTestingModule(
  store: InMemoryConnectAccountStore,
  stripe: FakeStripeApi | null,
  options: Partial<Pick<StripeConnectModuleOptions, 'hooks' | 'telemetry'>> & { accountsApi?: 'v1' | 'v2' } = {},
): TestingModuleBuilder {
  const { accountsApi, ...rest } = options;
  const resolved = resolveOptions({
    stripe: { secretKey: stripe ? 'sk_test_unit' : undefined, maxNetworkRetries: 0, accountsApi },
    onboarding: { returnUrl: RETURN_URL, refreshUrl: REFRESH_URL },
    auth: { userId: () => undefined },
    store,
    ...rest,
  });
  return Test.createTestingModule({
    providers: [
      StripeConnectService,
      AccountStateService,
      ConnectedAccountsService,
      HooksRunnerService,
      StripeService,
      { provide: STRIPE_CONNECT_OPTIONS, useValue: resolved },
      { provide: STRIPE_CLIENT, useValue: stripe?.client ?? null },
      { provide: ConnectAccountStore, useValue: store },
    ],
  });
}
