import { ConfigService } from '@nestjs/config';
import { Injectable } from '@nestjs/common';
import { type Prisma, PrismaClient } from '@creator-payouts/prisma';
import { PinoLogger } from 'nestjs-pino';
import Stripe from 'stripe';
import type { AppConfig } from '../../common/config/app-config';
import { AppException } from '../../common/errors/app.exception';
import { isUsableUserId } from '../auth/user-id';
import { accountStateUpdate } from './account-state';
import { AccountStateService, DEAUTHORIZED, DEAUTHORIZED_STATE, eventObservation, STATE_TRANSACTION_TIMEOUT_MS, type StoreOutcome } from './account-state.service';
import { isWellFormedEvent } from './dto/stripe-event.dto';

/**
 * Signatures timestamped further than this from now, past or future, are refused (replay protection; Stripe's
 * recommended default). The SDK checks only the past.
 */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export type WebhookOutcome = Exclude<StoreOutcome, 'unsettled'> | 'duplicate' | 'unknown_account' | 'ignored';

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
 * polling. Each event is handled once (its id is stored in the same
 * transaction as its effect), and its account state goes through
 * AccountStateService, the path status reads take too: an event older than
 * what is stored (another event, or a read) never overwrites it, and one of
 * the same moment has the account fetched from Stripe instead.
 */
@Injectable()
export class StripeConnectWebhookService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly accountStates: AccountStateService,
    private readonly logger: PinoLogger,
    private readonly config: ConfigService<AppConfig, true>,
  ) {
    logger.setContext(StripeConnectWebhookService.name);
  }

  async handle(rawBody: Buffer, signature: string | undefined): Promise<WebhookOutcome> {
    const receivedAt = new Date();
    const secret = this.config.get('stripe.webhookSecret', { infer: true });
    if (!secret) throw new AppException('webhook.not_configured');
    let event: Stripe.Event;
    try {
      event = Stripe.webhooks.constructEvent(rawBody, signature ?? '', secret, WEBHOOK_TOLERANCE_SECONDS);
    } catch (error) {
      throw new AppException('webhook.invalid_signature', undefined, { cause: error });
    }
    if (signedAt(signature!) > Date.now() / 1000 + WEBHOOK_TOLERANCE_SECONDS) throw new AppException('webhook.invalid_signature');
    // Signed, so Stripe's (or whoever holds the secret): still refused with 400 if it is no event, as retrying cannot fix it.
    if (!isWellFormedEvent(event)) throw new AppException('webhook.invalid_payload');
    this.logger.assign({ stripeEventId: event.id, stripeEventType: event.type });
    const outcome = await this.apply(event, receivedAt);
    this.logger.assign({ webhookOutcome: outcome });
    return outcome;
  }

  private apply(event: Stripe.Event, receivedAt: Date): Promise<WebhookOutcome> {
    const change = stateChange(event);
    return this.prisma.$transaction(
      async (tx) => {
        const recorded = await tx.stripeWebhookEvent.createMany({
          data: [{ id: event.id, type: event.type, accountId: change?.accountId, created: new Date(event.created * 1000) }],
          skipDuplicates: true,
        });
        if (recorded.count === 0) return 'duplicate';
        if (!change) return 'ignored';
        if (!(await lockOrLinkProfile(tx, change))) return 'unknown_account';
        const observation = eventObservation(change.data, event.created, receivedAt, change.deauthorized);
        const { outcome } = await this.accountStates.store(tx, change.accountId, observation);
        // Refused, and the event id with it (rolled back), so that Stripe delivers it again.
        if (outcome === 'unsettled') throw new AppException('common.service_unavailable');
        return outcome;
      },
      { timeout: STATE_TRANSACTION_TIMEOUT_MS },
    );
  }
}

/**
 * Locks the account's creator profile until commit (touching the row), so events of one account are applied one
 * after the other. An event that arrives before initiate stored the account id (Stripe can be that fast) links the
 * account to the creator its metadata names, if that creator's creation is under way. False: no creator has it.
 */
async function lockOrLinkProfile(tx: Prisma.TransactionClient, change: StateChange): Promise<boolean> {
  const touch = () => tx.creatorProfile.updateMany({ where: { stripeAccountId: change.accountId }, data: { updatedAt: new Date() } });
  if ((await touch()).count > 0) return true;
  if (!change.platformUserId) return false;
  // Only a creator whose account creation is under way or unresolved (its key is kept): never one who has not asked.
  const linked = await tx.creatorProfile.updateMany({
    where: { userId: change.platformUserId, stripeAccountId: null, stripeAccountIdempotencyKey: { not: null } },
    data: { stripeAccountId: change.accountId, stripeAccountIdempotencyKey: null },
  });
  // Not linked: the creator has another account, or a concurrent event of this account linked it first.
  return linked.count > 0 || (await touch()).count > 0;
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
      const platformUserId = account.metadata?.platformUserId;
      return { accountId: account.id, data: accountStateUpdate(account), deauthorized: false, platformUserId: isUsableUserId(platformUserId) ? platformUserId : undefined };
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
