import { Inject, Injectable } from '@nestjs/common';
import { type AccountState, StripeAccountApi } from './store/connect-account-store';
import type Stripe from 'stripe';
import type { ResolvedStripeConnectOptions } from './options';
import { StripeService } from './stripe/stripe.service';
import { STRIPE_CONNECT_OPTIONS } from './tokens';
import { platformUserIdOf } from './user-id';
import { accountStateUpdate, v2AccountStateUpdate, v2OnboardingSubmitted } from './account-status';

/** What a status read needs of a v2 account; the rest (configuration, identity) is omitted from its answers unless included. */
const V2_STATUS_INCLUDES = ['configuration.recipient', 'identity'] as const;

/** A connected account as Stripe has it now. */
export interface AccountReading {
  state: AccountState;
  /** v1 `details_submitted`; v2: the creator finished the hosted onboarding (accepted Stripe's terms). */
  detailsSubmitted: boolean;
  /** The creator the account was made for (its metadata), if the value can be a user id at all. */
  platformUserId?: string;
  /** v2: the account is closed. */
  closed?: boolean;
}

/**
 * The Stripe calls that create, link and read a creator's connected account, on the Accounts API that made it
 * (contract: "Which Stripe accounts"). New accounts use `stripe.accountsApi`; the caller stores which one.
 * Every method throws Stripe's own error, for the caller to map.
 */
@Injectable()
export class ConnectedAccountsService {
  constructor(
    private readonly stripe: StripeService,
    @Inject(STRIPE_CONNECT_OPTIONS) private readonly options: ResolvedStripeConnectOptions,
  ) {}

  /** The API that creates new accounts. */
  get creationApi(): StripeAccountApi {
    return this.options.stripe.accountsApi === 'v1' ? StripeAccountApi.V1 : StripeAccountApi.V2;
  }

  /**
   * A recipient account with the Express Dashboard (so login links exist); the platform collects fees and
   * covers losses, which Stripe requires of a dashboard-express account that only receives transfers.
   */
  async create(api: StripeAccountApi, creator: { userId: string; email: string }, idempotencyKey: string): Promise<string> {
    const stripe = this.stripe.requireStripe();
    const metadata = { platformUserId: creator.userId };
    if (api === StripeAccountApi.V2) {
      const account = await stripe.v2.core.accounts.create(
        {
          dashboard: 'express',
          contact_email: creator.email,
          configuration: { recipient: { capabilities: { stripe_balance: { stripe_transfers: { requested: true } } } } },
          defaults: { responsibilities: { fees_collector: 'application', losses_collector: 'application' } },
          metadata,
        },
        { idempotencyKey },
      );
      return account.id;
    }
    // v1 with `controller` properties, not the deprecated top-level account type.
    const account = await stripe.accounts.create(
      {
        controller: {
          stripe_dashboard: { type: 'express' },
          fees: { payer: 'application' },
          losses: { payments: 'application' },
          requirement_collection: 'stripe',
        },
        email: creator.email,
        capabilities: { transfers: { requested: true } },
        metadata,
      },
      { idempotencyKey },
    );
    return account.id;
  }

  /** A single-use link to Stripe's hosted onboarding, returning to the creator web app. */
  async onboardingLink(api: StripeAccountApi, accountId: string): Promise<string> {
    const stripe = this.stripe.requireStripe();
    // Checked at start-up: required with a key, and without one requireStripe() has thrown.
    const { refreshUrl, returnUrl } = this.options.onboarding!;
    if (api === StripeAccountApi.V2) {
      const link = await stripe.v2.core.accountLinks.create({
        account: accountId,
        use_case: { type: 'account_onboarding', account_onboarding: { refresh_url: refreshUrl, return_url: returnUrl } },
      });
      return link.url;
    }
    const link = await stripe.accountLinks.create({ account: accountId, type: 'account_onboarding', refresh_url: refreshUrl, return_url: returnUrl });
    return link.url;
  }

  /** The account as Stripe has it now. */
  async retrieve(api: StripeAccountApi, accountId: string, options?: Stripe.RequestOptions): Promise<AccountReading> {
    const stripe = this.stripe.requireStripe();
    if (api === StripeAccountApi.V2) {
      const account = await stripe.v2.core.accounts.retrieve(accountId, { include: [...V2_STATUS_INCLUDES] }, options);
      return {
        state: v2AccountStateUpdate(account),
        detailsSubmitted: v2OnboardingSubmitted(account),
        platformUserId: platformUserIdOf(account.metadata),
        closed: account.closed === true,
      };
    }
    const account = await stripe.accounts.retrieve(accountId, {}, options);
    return { state: accountStateUpdate(account), detailsSubmitted: account.details_submitted ?? false, platformUserId: platformUserIdOf(account.metadata) };
  }
}
