import { Module } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccountStateService } from './account-state.service';
import { ConnectedAccountsService } from './connected-accounts.service';
import { CreatorAuthGuard } from './creator-auth.guard';
import { HooksRunnerService } from './hooks-runner.service';
import { StripeConnectExceptionFilter } from './http/stripe-connect-exception.filter';
import { NoBodyPipe } from './http/no-body.pipe';
import { type ResolvedStripeConnectOptions, resolveOptions, type StripeConnectModuleOptions } from './options';
import { CreatorThrottlerGuard } from './rate-limit/creator-throttler.guard';
import { ResilientThrottlerStorage } from './rate-limit/resilient-throttler-storage';
import { ConnectAccountStore } from './store/connect-account-store';
import { StripeConnectWebhookService } from './stripe-connect-webhook.service';
import { StripeConnectService } from './stripe-connect.service';
import { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } from './stripe-connect.module-definition';
import { createStripeClient, StripeService } from './stripe/stripe.service';
import { CREATOR_THROTTLER_GUARD, STRIPE_CLIENT, STRIPE_CONNECT_OPTIONS } from './tokens';

/** The window storage the module made itself (none when the host passed a storage of its own); Nest stops it with the app. */
const OWN_THROTTLER_STORAGE = Symbol('OWN_THROTTLER_STORAGE');

/**
 * Stripe Connect for creators: onboarding, status, the Express Dashboard link and the Connect webhook. Registers
 * no global guard, pipe, filter or interceptor and no passport strategy: its routes use the host's guards (options)
 * and answer in the envelope through a filter bound to its own controllers.
 */
@Module({
  providers: [
    { provide: STRIPE_CONNECT_OPTIONS, inject: [MODULE_OPTIONS_TOKEN], useFactory: (options: StripeConnectModuleOptions) => resolveOptions(options) },
    { provide: ConnectAccountStore, inject: [STRIPE_CONNECT_OPTIONS], useFactory: (options: ResolvedStripeConnectOptions) => options.store },
    {
      provide: OWN_THROTTLER_STORAGE,
      inject: [STRIPE_CONNECT_OPTIONS],
      useFactory: ({ rateLimit }: ResolvedStripeConnectOptions) => (rateLimit.storage ? null : new ResilientThrottlerStorage(rateLimit.redis)),
    },
    {
      provide: CREATOR_THROTTLER_GUARD,
      inject: [STRIPE_CONNECT_OPTIONS, OWN_THROTTLER_STORAGE, Reflector],
      useFactory: async (options: ResolvedStripeConnectOptions, own: ResilientThrottlerStorage | null, reflector: Reflector) => {
        const guard = new CreatorThrottlerGuard(options, options.rateLimit.storage ?? own!, reflector);
        await guard.onModuleInit();
        return guard;
      },
    },
    { provide: STRIPE_CLIENT, inject: [STRIPE_CONNECT_OPTIONS], useFactory: createStripeClient },
    StripeService,
    ConnectedAccountsService,
    HooksRunnerService,
    AccountStateService,
    StripeConnectService,
    StripeConnectWebhookService,
    CreatorAuthGuard,
    StripeConnectExceptionFilter,
    NoBodyPipe,
  ],
  exports: [StripeConnectService, StripeConnectWebhookService, StripeService],
})
export class StripeConnectModule extends ConfigurableModuleClass {}
