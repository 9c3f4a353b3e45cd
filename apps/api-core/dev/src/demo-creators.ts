import { KycStatus, type PrismaClient, StripeAccountApi, StripeAccountStatus } from '@creator-payouts/prisma';

/**
 * Demo users for local mode and `npm run db:seed`: one creator per state the
 * dashboard-link endpoint distinguishes. Fixed ids so a dev token can name them.
 */
export const DEMO_CREATORS = [
  {
    id: 'user_demo_active',
    email: 'active.creator@example.com',
    // Made with Accounts v2, as a platform of today makes them: a recipient takes no card payments.
    profile: {
      stripeAccountId: 'acct_1DemoActive0001',
      stripeAccountApi: StripeAccountApi.V2,
      stripeAccountStatus: StripeAccountStatus.ACTIVE,
      stripeChargesEnabled: false,
      stripePayoutsEnabled: true,
      kycStatus: KycStatus.APPROVED,
    },
  },
  {
    id: 'user_demo_pending',
    email: 'pending.creator@example.com',
    profile: {
      stripeAccountId: 'acct_1DemoPending001',
      stripeAccountApi: StripeAccountApi.V2,
      stripeAccountStatus: StripeAccountStatus.PENDING,
      kycStatus: KycStatus.APPROVED,
    },
  },
  {
    id: 'user_demo_new',
    email: 'new.creator@example.com',
    profile: { kycStatus: KycStatus.APPROVED },
  },
  { id: 'user_demo_fan', email: 'fan@example.com', profile: null },
] as const;

/** Inserts the demo users that are missing; never changes existing rows. Safe when several instances start at once. */
export async function seedDemoCreators(prisma: PrismaClient): Promise<number> {
  const users = await prisma.user.createMany({
    data: DEMO_CREATORS.map(({ id, email }) => ({ id, email })),
    skipDuplicates: true,
  });
  await prisma.creatorProfile.createMany({
    data: DEMO_CREATORS.flatMap(({ id, profile }) => (profile ? [{ userId: id, ...profile }] : [])),
    skipDuplicates: true,
  });
  return users.count;
}
