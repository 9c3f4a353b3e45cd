import { Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { StripeService } from './stripe/stripe.service';
import { ConnectedAccountsService } from './connected-accounts.service';
import { HooksRunnerService } from './hooks-runner.service';
import {
  type AccountState,
  ConnectAccountStore,
  type ConnectAccountTransaction,
  type LockedAccount,
  type StripeAccountApi,
  StripeAccountStatus,
} from './store/connect-account-store';

/** What a deauthorized account is: nothing can be charged or paid out through it any more. */
export const DEAUTHORIZED_STATE: AccountState = { stripeAccountStatus: StripeAccountStatus.DISABLED, stripeChargesEnabled: false, stripePayoutsEnabled: false };
/** The longest the settling fetch may take: it holds the row lock (and a connection) while Stripe answers. */
export const SETTLING_FETCH_TIMEOUT_MS = 3_000;

/** Stripe's account as something told us: its state, and when it was so (some moment between `from` and `to`). */
export interface Observation {
  state: AccountState;
  from: Date;
  to: Date;
  /** Deauthorization: written whatever is stored, and nothing after it counts. */
  final?: boolean;
  /** `details_submitted` (v2: onboarding finished), when the observation is a fetched account. */
  detailsSubmitted?: boolean;
  /** The creator the account's metadata names, when the observation is a fetched account. */
  platformUserId?: string;
  /** A fetched v2 account that is closed. */
  closed?: boolean;
}

/** A stored change of an account, for the host's hooks once it commits. */
export interface AccountChange {
  userId: string;
  accountId: string;
  from: StripeAccountStatus;
  to: StripeAccountStatus;
  /** The platform lost the account with this write. */
  lost?: 'deauthorized' | 'closed';
}

/** What `apply` did, and what the row holds afterwards. */
export interface Applied {
  outcome: StoreOutcome;
  stored: Observation;
  change?: AccountChange;
}

export type StoreOutcome =
  /** Newer than what was stored: written. */
  | 'applied'
  /** Neither older nor newer: the account was fetched from Stripe under the lock, and that was written. */
  | 'applied_current'
  /** Older than what is stored, or after deauthorization: nothing written. */
  | 'stale'
  /** Overlapping, and Stripe could not be asked: nothing written. */
  | 'unsettled';

/**
 * The one path by which an account's state reaches the database, for the
 * webhook and the status read alike. Under the profile's row lock, an
 * observation is written only if it is newer than the stored one; an older one
 * never wins; when the two overlap in time (which Stripe saw last is unknown)
 * the account is fetched from Stripe now, which is newer than both. So the
 * stored state ends as Stripe's current state whatever the order in which
 * reads and events finish, across instances. Deauthorization is final.
 */
@Injectable()
export class AccountStateService {
  constructor(
    private readonly store: ConnectAccountStore,
    private readonly stripe: StripeService,
    private readonly accounts: ConnectedAccountsService,
    private readonly hooks: HooksRunnerService,
  ) {}

  /** The account read from Stripe (on the API that made it), as an observation spanning the request. Throws Stripe's error. */
  async read(api: StripeAccountApi, accountId: string, options?: Stripe.RequestOptions): Promise<Observation> {
    const from = new Date();
    const reading = await this.accounts.retrieve(api, accountId, options);
    return { ...reading, from, to: new Date() };
  }

  /** `apply` in a transaction of its own; the hooks hear of a change once it commits. */
  async applyNow(accountId: string, observation: Observation): Promise<Applied> {
    const applied = await this.store.transaction((tx) => this.apply(tx, accountId, observation));
    await this.hooks.notify(applied.change);
    return applied;
  }

  /**
   * Writes the observation unless what is stored is newer; returns what the row holds afterwards. The caller's
   * transaction keeps the row locked until it commits.
   */
  async apply(tx: ConnectAccountTransaction, accountId: string, observation: Observation, locked?: LockedAccount): Promise<Applied> {
    // The caller may have locked the row already in this transaction (the webhook does, to find the account).
    const row = locked ?? (await tx.lockAccount(accountId));
    if (!row) throw new Error(`No creator has the account ${accountId}`);
    const stored: Observation = {
      state: { stripeAccountStatus: row.stripeAccountStatus, stripeChargesEnabled: row.stripeChargesEnabled, stripePayoutsEnabled: row.stripePayoutsEnabled },
      from: row.observedFrom ?? new Date(0),
      to: row.observedTo ?? new Date(0),
    };

    let outcome: StoreOutcome = 'applied';
    if (!observation.final) {
      if (await tx.wasDeauthorized(accountId)) {
        // Perhaps recorded before the account was linked to this creator (no creator had it then): it counts now.
        if (row.stripeAccountStatus === StripeAccountStatus.DISABLED) return { outcome: 'stale', stored: { ...stored, state: DEAUTHORIZED_STATE } };
        await tx.writeState(accountId, DEAUTHORIZED_STATE);
        const change: AccountChange = { userId: row.userId, accountId, from: row.stripeAccountStatus, to: StripeAccountStatus.DISABLED, lost: 'deauthorized' };
        return { outcome: 'stale', stored: { ...stored, state: DEAUTHORIZED_STATE }, change };
      }
      if (observation.to <= stored.from) return { outcome: 'stale', stored };
      if (observation.from < stored.to) {
        // Overlapping: which of the two Stripe saw last is unknown, so ask Stripe now (later than both).
        const current = await this.settlingRead(row.stripeAccountApi, accountId);
        if (!current) return { outcome: 'unsettled', stored };
        observation = current;
        outcome = 'applied_current';
      }
    }
    await tx.writeState(accountId, observation.state, observation);
    const from = row.stripeAccountStatus;
    const to = observation.state.stripeAccountStatus;
    const lost = observation.final ? 'deauthorized' : observation.closed && from !== to ? 'closed' : undefined;
    return { outcome, stored: observation, change: from !== to || lost ? { userId: row.userId, accountId, from, to, lost } : undefined };
  }

  /**
   * For news of the account whose state cannot be used as it is (a v1 snapshot event of an account made with v2:
   * its v1 view has no recipient capabilities): the account is read now, under the caller's row lock, and stored.
   */
  async applyCurrent(tx: ConnectAccountTransaction, accountId: string, locked: LockedAccount): Promise<Pick<Applied, 'outcome' | 'change'>> {
    const current = await this.settlingRead(locked.stripeAccountApi, accountId);
    if (!current) return { outcome: 'unsettled' };
    const { outcome, change } = await this.apply(tx, accountId, current, locked);
    return { outcome: outcome === 'applied' ? 'applied_current' : outcome, change };
  }

  /** Short and not retried: it holds a row lock, and a failure only leaves the stored state as it was. Null then. */
  private async settlingRead(api: StripeAccountApi, accountId: string): Promise<Observation | null> {
    try {
      return await this.read(api, accountId, { timeout: SETTLING_FETCH_TIMEOUT_MS, maxNetworkRetries: 0 });
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeError)) throw error;
      this.stripe.recordFailure(error);
      return null;
    }
  }
}

/**
 * A snapshot event's observation: `created` has whole seconds of Stripe's clock, so the account was so within that
 * second, and no later than the event's arrival.
 */
export function eventObservation(state: AccountState, createdSeconds: number, receivedAt: Date, final = false): Observation {
  const created = createdSeconds * 1000;
  const received = receivedAt.getTime();
  return { state, from: new Date(Math.min(created, received)), to: new Date(Math.min(created + 1_000, received)), final };
}
