import { KycStatus, PrismaClient, StripeAccountStatus } from './generated/client';

/**
 * Demo users for local mode and `npm run db:seed`: one creator per state the
 * dashboard-link endpoint distinguishes. Fixed ids so a dev token can name them.
 */
export const DEMO_CREATORS = [
  {
    id: 'user_demo_active',
    email: 'active.creator@example.com',
    profile: { stripeAccountId: 'acct_1DemoActive0001', stripeAccountStatus: StripeAccountStatus.ACTIVE, stripeChargesEnabled: true, stripePayoutsEnabled: true, kycStatus: KycStatus.APPROVED },
  },
  {
    id: 'user_demo_pending',
    email: 'pending.creator@example.com',
    profile: { stripeAccountId: 'acct_1DemoPending001', stripeAccountStatus: StripeAccountStatus.PENDING, kycStatus: KycStatus.APPROVED },
  },
  {
    id: 'user_demo_new',
    email: 'new.creator@example.com',
    profile: { kycStatus: KycStatus.APPROVED },
  },
  { id: 'user_demo_fan', email: 'fan@example.com', profile: null },
] as const;

/** Inserts the demo users that are missing; never changes existing rows. */
export async function seedDemoCreators(prisma: PrismaClient): Promise<number> {
  let created = 0;
  for (const demo of DEMO_CREATORS) {
    if (await prisma.user.findUnique({ where: { id: demo.id }, select: { id: true } })) continue;
    await prisma.user.create({
      data: { id: demo.id, email: demo.email, ...(demo.profile && { creatorProfile: { create: demo.profile } }) },
    });
    created += 1;
  }
  return created;
}
