import { ConfigService } from '@nestjs/config';
import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient, StripeAccountStatus } from '@creator-payouts/prisma';
import { PinoLogger } from 'nestjs-pino';
import Stripe from 'stripe';
import type { AppConfig } from '../../common/config/app-config';
import { AppException } from '../../common/errors/app.exception';
import { accountStateUpdate } from './account-state';

/** Signed events older than this are refused (replay protection); Stripe's recommended default. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export type WebhookOutcome = 'applied' | 'duplicate' | 'stale' | 'unknown_account' | 'ignored';

/**
 * The Connect webhook: how `ACTIVE` reaches the database without the creator
 * polling. Each event is handled once (its id is stored in the same
 * transaction as its effect), and an account's older event never overwrites
 * the state a newer one wrote.
 */
@Injectable()
export class StripeConnectWebhookService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly logger: PinoLogger,
    private readonly config: ConfigService<AppConfig, true>,
  ) {
    logger.setContext(StripeConnectWebhookService.name);
  }

  async handle(rawBody: Buffer, signature: string | undefined): Promise<WebhookOutcome> {
    const secret = this.config.get('stripe.webhookSecret', { infer: true });
    if (!secret) throw new AppException('webhook.not_configured');
    let event: Stripe.Event;
    try {
      event = Stripe.webhooks.constructEvent(rawBody, signature ?? '', secret, WEBHOOK_TOLERANCE_SECONDS);
    } catch (error) {
      throw new AppException('webhook.invalid_signature', undefined, { cause: error });
    }
    const outcome = await this.apply(event);
    this.logger.assign({ stripeEventId: event.id, stripeEventType: event.type, webhookOutcome: outcome });
    return outcome;
  }

  private async apply(event: Stripe.Event): Promise<WebhookOutcome> {
    const change = stateChange(event);
    const created = new Date(event.created * 1000);
    return this.prisma.$transaction(async (tx) => {
      const recorded = await tx.stripeWebhookEvent.createMany({
        data: [{ id: event.id, type: event.type, accountId: change?.accountId, created }],
        skipDuplicates: true,
      });
      if (recorded.count === 0) return 'duplicate';
      if (!change) return 'ignored';

      // Touching the profile first takes its row lock until commit: concurrent events
      // of one account run one after the other, so the newer-event check sees committed rows.
      const locked = await tx.creatorProfile.updateMany({ where: { stripeAccountId: change.accountId }, data: { updatedAt: new Date() } });
      if (locked.count === 0) return 'unknown_account';
      const newer = await tx.stripeWebhookEvent.findFirst({
        where: { accountId: change.accountId, created: { gt: created } },
        select: { id: true },
      });
      if (newer) return 'stale';
      await tx.creatorProfile.update({ where: { stripeAccountId: change.accountId }, data: change.data });
      return 'applied';
    });
  }
}

/** What an event changes, for the event types that change a creator's account state. */
function stateChange(event: Stripe.Event) {
  switch (event.type) {
    case 'account.updated': {
      const account = event.data.object;
      return { accountId: account.id, data: accountStateUpdate(account) };
    }
    case 'account.application.deauthorized':
      // The platform lost access to the account: nothing can be charged or paid out through it any more.
      return event.account
        ? {
            accountId: event.account,
            data: { stripeAccountStatus: StripeAccountStatus.DISABLED, stripeChargesEnabled: false, stripePayoutsEnabled: false },
          }
        : null;
    default:
      return null;
  }
}
