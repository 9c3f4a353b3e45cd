import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { StripeConnectException } from './errors/stripe-connect.exception';
import { type StripeCall, toCreatorError } from './stripe/stripe-errors';
import { StripeService } from './stripe/stripe.service';
import { AccountStateService, type Observation } from './account-state.service';
import { ConnectedAccountsService } from './connected-accounts.service';
import type {
  ConnectStatusResponseDto,
  DashboardLinkResponseDto,
  InitiateConnectResponseDto,
  OnboardingLinkResponseDto,
} from './dto/stripe-connect-response.dto';
import { ConnectAccountStore, type CreatorAccount, StripeAccountApi, StripeAccountStatus } from './store/connect-account-store';

/** The creator-facing Stripe Connect rules (contract: "Creator Stripe Connect API"). */
@Injectable()
export class StripeConnectService {
  /** A claim older than this belongs to a request that died while creating the account; it may be taken over. */
  private readonly claimExpiresAfterMs: number;

  constructor(
    private readonly store: ConnectAccountStore,
    private readonly stripe: StripeService,
    private readonly accountStates: AccountStateService,
    private readonly accounts: ConnectedAccountsService,
  ) {
    this.claimExpiresAfterMs = stripe.longestCallMs + 5_000;
  }

  /** A fresh single-use Express Dashboard login URL for the creator. Reads only; writes nothing. */
  async createDashboardLink(userId: string): Promise<DashboardLinkResponseDto> {
    const profile = await this.findAccount(userId);
    const accountId = requireAccount(profile);
    if (profile.stripeAccountStatus !== StripeAccountStatus.ACTIVE) throw new StripeConnectException('creator.stripe.not_active');

    const stripe = this.stripe.requireStripe();
    try {
      const loginLink = await stripe.accounts.createLoginLink(accountId);
      return { url: loginLink.url };
    } catch (error) {
      throw this.stripeFailure('createLoginLink', error);
    }
  }

  /**
   * Creates the creator's account (with the Express Dashboard) unless one exists, and returns a
   * fresh onboarding link for it. Concurrent calls create at most one account:
   * the caller that claims the row (a conditional update on
   * `stripeAccountId IS NULL`) creates it; the others get a link to it once it
   * exists, or 409 while it is being created.
   */
  async initiate(userId: string): Promise<InitiateConnectResponseDto> {
    const creator = await this.store.findOnboardingProfile(userId);
    if (!creator) throw new StripeConnectException('creator.stripe.not_creator');
    if (!creator.mayOnboard) throw new StripeConnectException('creator.stripe.kyc_required');
    // Before the claim: without Stripe no creation may begin.
    this.stripe.requireStripe();

    const account = creator.stripeAccountId
      ? { id: creator.stripeAccountId, api: apiOf(creator) }
      : await this.createAccountOnce(userId, creator.email, creator.creationKey ? { key: creator.creationKey, api: apiOf(creator) } : null);
    return { accountId: account.id, onboardingUrl: await this.createOnboardingLink(account.api, account.id) };
  }

  /** A new onboarding link for the existing account. Writes nothing. */
  async refreshOnboardingLink(userId: string): Promise<OnboardingLinkResponseDto> {
    const profile = await this.findAccount(userId);
    // Without a Stripe key, the link's call says so (service_unavailable), after the account check.
    return { onboardingUrl: await this.createOnboardingLink(apiOf(profile), requireAccount(profile)) };
  }

  /**
   * Live status from Stripe, written back through the path the webhook takes (a read older than what is stored meanwhile
   * never wins); the stored values when Stripe cannot be asked.
   */
  async getStatus(userId: string): Promise<ConnectStatusResponseDto> {
    const profile = await this.findAccount(userId);
    const stored = {
      stripeAccountId: profile.stripeAccountId,
      stripeAccountStatus: profile.stripeAccountId ? profile.stripeAccountStatus : StripeAccountStatus.NOT_STARTED,
      chargesEnabled: profile.stripeAccountId ? profile.stripeChargesEnabled : false,
      payoutsEnabled: profile.stripeAccountId ? profile.stripePayoutsEnabled : false,
      detailsSubmitted: false,
    };
    if (!profile.stripeAccountId || !this.stripe.isConfigured) return stored;

    let read: Observation;
    try {
      read = await this.accountStates.read(apiOf(profile), profile.stripeAccountId);
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeError)) throw error;
      this.stripe.recordFailure(error);
      return stored;
    }
    // What the row holds once the read is stored, or not: the read itself, or something newer (detailsSubmitted unknown).
    const { state, detailsSubmitted = false } = (await this.accountStates.applyNow(profile.stripeAccountId, read)).stored;
    return {
      stripeAccountId: profile.stripeAccountId,
      stripeAccountStatus: state.stripeAccountStatus,
      chargesEnabled: state.stripeChargesEnabled,
      payoutsEnabled: state.stripePayoutsEnabled,
      detailsSubmitted,
    };
  }

  /** The caller's account as stored; 404 `not_creator` when the caller is no creator. */
  private async findAccount(userId: string): Promise<CreatorAccount> {
    const account = await this.store.findByUserId(userId);
    if (!account) throw new StripeConnectException('creator.stripe.not_creator');
    return account;
  }

  /**
   * The claim carries the Idempotency-Key of the creation, and the API it is made with. Stripe replays the first
   * answer to a key for 24 h, errors included, so a key is used until Stripe gives a definite answer and then
   * dropped; after an unknown outcome (timeout, connection cut) it stays, and the next attempt makes the same call
   * with it (the same API, whatever STRIPE_ACCOUNTS_API says now), so it gets the account Stripe may already have
   * created instead of a second one.
   */
  private async createAccountOnce(
    userId: string,
    email: string,
    unresolved: { key: string; api: StripeAccountApi } | null,
  ): Promise<{ id: string; api: StripeAccountApi }> {
    const claimedAt = new Date();
    const idempotencyKey = unresolved?.key ?? `connect-account-${randomUUID()}`;
    const api = unresolved?.api ?? this.accounts.creationApi;
    const claimed = await this.store.claimCreation(userId, {
      idempotencyKey,
      api,
      retriesKey: unresolved?.key ?? null,
      at: claimedAt,
      expiredBefore: new Date(claimedAt.getTime() - this.claimExpiresAfterMs),
    });
    if (!claimed) {
      // Another request holds the claim, or has just finished.
      const current = await this.findAccount(userId);
      if (current.stripeAccountId) return { id: current.stripeAccountId, api: apiOf(current) };
      throw new StripeConnectException('creator.stripe.connect_in_progress');
    }

    let accountId: string;
    try {
      accountId = await this.accounts.create(api, { userId, email }, idempotencyKey);
    } catch (error) {
      await this.store.releaseCreation(userId, claimedAt, isDefiniteAnswer(error, api));
      throw this.stripeFailure('createAccount', error);
    }
    // Conditional: an early event may have linked the account already (the webhook reads its metadata).
    if (await this.store.storeCreatedAccount(userId, accountId)) return { id: accountId, api };
    // The stored account is the one the creator must onboard, should it ever differ from this one.
    const current = await this.findAccount(userId);
    return { id: requireAccount(current), api: apiOf(current) };
  }

  private async createOnboardingLink(api: StripeAccountApi, accountId: string): Promise<string> {
    try {
      return await this.accounts.onboardingLink(api, accountId);
    } catch (error) {
      throw this.stripeFailure('createAccountLink', error);
    }
  }

  /** Maps a Stripe failure of `call` for the client, after recording it. */
  private stripeFailure(call: StripeCall, error: unknown): unknown {
    if (!(error instanceof Stripe.errors.StripeError)) return error;
    this.stripe.recordFailure(error);
    return toCreatorError(call, error);
  }
}

/**
 * Stripe answered with an error that ends the key: v1 replays any answer to it (5xx included) and refuses it with
 * other parameters. Not a 409: that is "a request with this key is still running", and the account may yet
 * appear. Not a 5xx on v2: v2 replays none, and a retry with the same key carries the failed work through to
 * completion, so the key is what keeps a second account from being made.
 */
function isDefiniteAnswer(error: unknown, api: StripeAccountApi): boolean {
  if (!(error instanceof Stripe.errors.StripeError) || error.statusCode === undefined || error.statusCode < 400 || error.statusCode === 409) return false;
  return api === StripeAccountApi.V1 || error.statusCode < 500;
}

/** The API of the creator's account or unresolved creation; one stored without it predates v2 support: v1. */
function apiOf(account: CreatorAccount): StripeAccountApi {
  return account.stripeAccountApi ?? StripeAccountApi.V1;
}

function requireAccount(profile: { stripeAccountId: string | null }): string {
  if (!profile.stripeAccountId) throw new StripeConnectException('creator.stripe.account_not_found');
  return profile.stripeAccountId;
}
