import { Injectable } from '@nestjs/common';
import { PrismaClient, StripeAccountStatus } from '@creator-payouts/prisma';
import { PinoLogger } from 'nestjs-pino';
import Stripe from 'stripe';
import { AppException } from '../../common/errors/app.exception';
import { describeStripeError, toAccountError } from '../payment/stripe-errors';
import { StripeProvider } from '../payment/stripe.provider';
import type { DashboardLinkResponseDto } from './dto/stripe-connect-response.dto';

/** The creator-facing Stripe Connect rules (contract: "Creator Stripe Connect API"). */
@Injectable()
export class StripeConnectService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly stripe: StripeProvider,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(StripeConnectService.name);
  }

  /** A fresh single-use Express Dashboard login URL for the creator. Reads only; writes nothing. */
  async createDashboardLink(userId: string): Promise<DashboardLinkResponseDto> {
    const profile = await this.prisma.creatorProfile.findUnique({
      where: { userId },
      select: { stripeAccountId: true, stripeAccountStatus: true },
    });
    if (!profile) throw new AppException('creator.stripe.not_creator');
    if (!profile.stripeAccountId) throw new AppException('creator.stripe.account_not_found');
    if (profile.stripeAccountStatus !== StripeAccountStatus.ACTIVE) throw new AppException('creator.stripe.not_active');

    const stripe = this.stripe.requireStripe();
    try {
      const loginLink = await stripe.accounts.createLoginLink(profile.stripeAccountId);
      return { url: loginLink.url };
    } catch (error) {
      throw this.stripeFailure(error);
    }
  }

  /** Keeps Stripe's request id and error type on the request's log line, and maps the error for the client. */
  private stripeFailure(error: unknown): unknown {
    if (!(error instanceof Stripe.errors.StripeError)) return error;
    this.logger.assign(describeStripeError(error));
    return toAccountError(error);
  }
}
