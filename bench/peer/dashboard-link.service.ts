import { BadGatewayException, BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import Stripe from 'stripe';
import { PrismaService } from './prisma.service';

export const STRIPE = 'STRIPE';

@Injectable()
export class DashboardLinkService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(STRIPE) private readonly stripe: Stripe,
  ) {}

  async createDashboardLink(userId: string): Promise<{ url: string }> {
    const profile = await this.prisma.creatorProfile.findUnique({
      where: { userId },
      select: { stripeAccountId: true, stripeAccountStatus: true },
    });
    if (!profile) {
      throw new NotFoundException({ code: 'CREATOR_PROFILE_NOT_FOUND', message: 'Creator profile not found', i18nKey: 'creator.stripe.not_creator' });
    }
    if (!profile.stripeAccountId) {
      throw new BadRequestException({ code: 'STRIPE_ACCOUNT_NOT_FOUND', message: 'No Stripe account', i18nKey: 'creator.stripe.account_not_found' });
    }
    if (profile.stripeAccountStatus !== 'ACTIVE') {
      throw new BadRequestException({ code: 'STRIPE_ACCOUNT_NOT_ACTIVE', message: 'Stripe account not active', i18nKey: 'creator.stripe.not_active' });
    }
    try {
      const link = await this.stripe.accounts.createLoginLink(profile.stripeAccountId);
      return { url: link.url };
    } catch {
      throw new BadGatewayException({ code: 'STRIPE_UPSTREAM_ERROR', message: 'Stripe is unavailable', i18nKey: 'creator.stripe.upstream_error' });
    }
  }
}
