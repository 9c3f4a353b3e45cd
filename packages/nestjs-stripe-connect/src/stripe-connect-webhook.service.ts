import { Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { StripeConnectException } from './errors/stripe-connect.exception';
import type { ResolvedStripeConnectOptions } from './options';
import { STRIPE_CONNECT_OPTIONS } from './tokens';
import { platformUserIdOf } from './user-id';
import { accountStateUpdate } from './account-status';
import { StripeService } from './stripe/stripe.service';
import {
  type AccountChange,
  type Applied,
  AccountStateService,
  DEAUTHORIZED_STATE,
  eventObservation,
  type Observation,
  type StoreOutcome,
} from './account-state.service';
import { HooksRunnerService } from './hooks-runner.service';
import {
  ConnectAccountStore,
  type ConnectAccountTransaction,
  DEAUTHORIZED,
  type LockedAccount,
  type RecordedEvent,
  StripeAccountApi,
} from './store/connect-account-store';
import { isWellFormedEvent, isWellFormedThinEvent, type ThinEvent } from './dto/stripe-event.dto';

/**
 * Signatures timestamped further than this from now, past or future, are refused (replay protection; Stripe's
 * recommended default). The SDK checks only the past.
 */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The thin events of v2 accounts whose status can change (contract: "Which Stripe accounts"). */
const THIN_ACCOUNT_EVENTS = new Set([
  'v2.core.account[requirements].updated',
  'v2.core.account[configuration.recipient].capability_status_updated',
  'v2.core.account[configuration.recipient].updated',
  // The terms accepted at the end of onboarding are the identity's (detailsSubmitted).
  'v2.core.account[identity].updated',
  'v2.core.account.updated',
  'v2.core.account.closed',
]);

export type WebhookOutcome = Exclude<StoreOutcome, 'unsettled'> | 'duplicate' | 'unknown_account' | 'ignored';
/** What a delivery did, and the change it stored (for the hooks, after the commit). */
interface Handled {
  outcome: WebhookOutcome;
  change?: AccountChange;
}

/** What an event changes, for the event types that change a creator's account state. */
interface StateChange {
  accountId: string;
  data: ReturnType<typeof accountStateUpdate>;
  deauthorized: boolean;
  /** The creator the account was created for (its metadata): finds the creator before initiate has stored the id. */
  platformUserId?: string;
}

/**
 * The Connect webhook: how `ACTIVE` reaches the database without the creator
 * polling. It takes v1 snapshot events (a Connect endpoint) and v2 thin events
 * (an event destination) on one route. Each event is handled once (its id is
 * stored in the same transaction as its effect), and its account state goes
 * through AccountStateService, the path status reads take too: an event older
 * than what is stored (another event, or a read) never overwrites it, and one
 * of the same moment has the account fetched from Stripe instead.
 */
@Injectable()
export class StripeConnectWebhookService {
  constructor(
    private readonly store: ConnectAccountStore,
    private readonly accountStates: AccountStateService,
    private readonly stripe: StripeService,
    private readonly hooks: HooksRunnerService,
    @Inject(STRIPE_CONNECT_OPTIONS) private readonly options: ResolvedStripeConnectOptions,
  ) {}

  async handle(rawBody: Buffer, signature: string | undefined): Promise<WebhookOutcome> {
    const receivedAt = new Date();
    const secrets = this.options.stripe.webhookSecrets;
    if (secrets.length === 0) throw new StripeConnectException('webhook.not_configured');
    const delivery = this.verify(rawBody, signature ?? '', secrets);
    const { telemetry } = this.options;
    telemetry.annotate?.({ stripeEventId: delivery.event.id, stripeEventType: delivery.event.type });
    const { outcome, change } = delivery.thin ? await this.applyThin(delivery.event) : await this.apply(delivery.event, receivedAt);
    telemetry.annotate?.({ webhookOutcome: outcome });
    // After the commit: the event is recorded and its change stored whatever the hooks do.
    await this.hooks.notify(change);
    return outcome;
  }

  /**
   * The delivery, checked against each secret in turn: a snapshot event (a v1 Connect endpoint) or a thin one (a v2
   * event destination). Only the signature check decides which secret; the payload then decides which kind.
   */
  private verify(rawBody: Buffer, signature: string, secrets: string[]): { thin: false; event: Stripe.Event } | { thin: true; event: ThinEvent } {
    for (const secret of secrets) {
      let delivery: { thin: false; event: Stripe.Event } | { thin: true; event: unknown };
      try {
        delivery = { thin: false, event: Stripe.webhooks.constructEvent(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS) };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeSignatureVerificationError) continue;
        // Signed with this secret, and no snapshot event: a thin event, or no event at all.
        delivery = { thin: true, event: this.parseThin(rawBody, signature, secret) };
      }
      if (signedAt(signature) > Date.now() / 1000 + WEBHOOK_TOLERANCE_SECONDS) throw new StripeConnectException('webhook.invalid_signature');
      // Signed, so Stripe's (or whoever holds a secret): still refused with 400 if it is no event, as retrying cannot fix it.
      if (!delivery.thin && isWellFormedEvent(delivery.event)) return delivery;
      if (delivery.thin && isWellFormedThinEvent(delivery.event)) return { thin: true, event: delivery.event };
      throw new StripeConnectException('webhook.invalid_payload');
    }
    throw new StripeConnectException('webhook.invalid_signature');
  }

  /**
   * A thin event is parsed by a Stripe client (the SDK's rule), and acting on one needs it anyway, to fetch the
   * account: without STRIPE_SECRET_KEY, 400 `creator.stripe.service_unavailable`, which Stripe redelivers.
   */
  private parseThin(rawBody: Buffer, signature: string, secret: string): Stripe.V2.Core.EventNotification {
    const stripe = this.stripe.requireStripe();
    try {
      return stripe.parseEventNotification(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS);
    } catch (error) {
      throw new StripeConnectException('webhook.invalid_payload', undefined, { cause: error });
    }
  }

  private apply(event: Stripe.Event, receivedAt: Date): Promise<Handled> {
    const change = stateChange(event);
    return this.store.transaction(async (tx): Promise<Handled> => {
      if (!(await tx.recordEvent({ id: event.id, type: event.type, accountId: change?.accountId ?? null, created: new Date(event.created * 1000) })))
        return { outcome: 'duplicate' };
      if (!change) return { outcome: 'ignored' };
      const locked = await lockOrLinkAccount(tx, change.accountId, change.platformUserId);
      if (!locked) return { outcome: 'unknown_account' };
      // A v1 snapshot of an account made with v2 shows no recipient capabilities: the account is read instead.
      const applied =
        locked.stripeAccountApi === StripeAccountApi.V2 && !change.deauthorized
          ? await this.accountStates.applyCurrent(tx, change.accountId, locked)
          : await this.accountStates.apply(tx, change.accountId, eventObservation(change.data, event.created, receivedAt, change.deauthorized), locked);
      return settled(applied);
    });
  }

  /**
   * A thin event says only that the account changed. The account is read from Stripe (outside the transaction: no
   * lock is held while Stripe answers) and stored through the same path as a status read, so the order and the
   * duplicates of thin events cannot matter. A failed read answers 503: Stripe delivers the event again.
   */
  private async applyThin(thin: ThinEvent): Promise<Handled> {
    const accountId = THIN_ACCOUNT_EVENTS.has(thin.type) && thin.related_object?.type === 'v2.core.account' ? thin.related_object.id : null;
    const event: RecordedEvent = { id: thin.id, type: thin.type, accountId, created: new Date(thin.created) };
    const recordOnly = (outcome: WebhookOutcome) =>
      this.store.transaction(async (tx): Promise<Handled> => ({ outcome: (await tx.recordEvent(event)) ? outcome : 'duplicate' }));
    if (!accountId) return recordOnly('ignored');
    if (await this.store.hasEvent(thin.id)) return { outcome: 'duplicate' };

    // An account no creator has may be one whose creation is under way (its metadata names the creator): read on
    // that creation's API, v2 if any creation under way is on v2 (thin events are v2's; which creator is unknown
    // until the read). With none under way it is not ours: acknowledged without asking Stripe.
    const api = (await this.store.findAccountApi(accountId)) ?? (await this.store.findPendingCreationApi());
    if (!api) return recordOnly('unknown_account');
    let read: Observation;
    try {
      read = await this.accountStates.read(api, accountId);
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeError)) throw error;
      this.stripe.recordFailure(error);
      throw new StripeConnectException('common.service_unavailable', undefined, { cause: error });
    }
    return this.store.transaction(async (tx): Promise<Handled> => {
      if (!(await tx.recordEvent(event))) return { outcome: 'duplicate' };
      const locked = await lockOrLinkAccount(tx, accountId, read.platformUserId);
      if (!locked) return { outcome: 'unknown_account' };
      return settled(await this.accountStates.apply(tx, accountId, read, locked));
    });
  }
}

/**
 * Locks the account's row until commit, so events of one account are applied one
 * after the other. An event that arrives before initiate stored the account id (Stripe can be that fast) links the
 * account to the creator its metadata names, if that creator's creation is under way. Returns the locked row (with
 * the API that made the account); null when no creator has it.
 */
async function lockOrLinkAccount(tx: ConnectAccountTransaction, accountId: string, platformUserId: string | undefined): Promise<LockedAccount | null> {
  const locked = await tx.lockAccount(accountId);
  if (locked || !platformUserId) return locked;
  // Only a creator whose account creation is under way or unresolved (its key is kept): never one who has not asked.
  await tx.linkPendingCreation(platformUserId, accountId);
  // Not linked: the creator has another account, or a concurrent event of this account linked it first.
  return tx.lockAccount(accountId);
}

/** An applied event's outcome; one that could not be settled is refused, and the event id with it (rolled back), so that Stripe delivers it again. */
function settled({ outcome, change }: Pick<Applied, 'outcome' | 'change'>): Handled {
  if (outcome === 'unsettled') throw new StripeConnectException('common.service_unavailable');
  return { outcome, change };
}

/** The `t=` timestamp of a `Stripe-Signature` header the SDK has verified. */
function signedAt(signature: string): number {
  return Number(/(?:^|,)t=(\d+)/.exec(signature)?.[1]);
}

function stateChange(event: Stripe.Event): StateChange | null {
  switch (event.type) {
    case 'account.updated': {
      const account = event.data.object;
      // The state that counts is the account's own: an event naming another account than its object changes nothing.
      if (event.account && event.account !== account.id) return null;
      // Metadata is free text: a value no user id can be (a NUL, which PostgreSQL refuses in a query) names no creator.
      return { accountId: account.id, data: accountStateUpdate(account), deauthorized: false, platformUserId: platformUserIdOf(account.metadata) };
    }
    case DEAUTHORIZED:
      // The platform lost access to the account: nothing can be charged or paid out through it any more.
      return event.account
        ? {
            accountId: event.account,
            data: DEAUTHORIZED_STATE,
            deauthorized: true,
          }
        : null;
    default:
      return null;
  }
}
