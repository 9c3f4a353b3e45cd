import { StripeAccountStatus } from '@creator-payouts/prisma';

/** The fields of a Stripe account the status depends on. */
export interface StripeAccountFlags {
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  requirements?: { disabled_reason?: string | null } | null;
}

/**
 * The contract's status resolution table; the first condition that holds wins.
 * `null` stands for "no Stripe account".
 */
export function resolveAccountStatus(account: StripeAccountFlags | null): StripeAccountStatus {
  if (!account) return StripeAccountStatus.NOT_STARTED;
  if (account.requirements?.disabled_reason?.startsWith('rejected.')) return StripeAccountStatus.DISABLED;
  if (account.charges_enabled && account.payouts_enabled) return StripeAccountStatus.ACTIVE;
  if (!account.details_submitted) return StripeAccountStatus.PENDING;
  return StripeAccountStatus.RESTRICTED;
}
