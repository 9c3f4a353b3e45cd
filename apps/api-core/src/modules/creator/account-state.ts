import type { StripeAccountStatus } from '@creator-payouts/prisma';
import { resolveAccountStatus, type StripeAccountFlags } from './account-status';

/** What the database keeps of a Stripe account: written by the status pull and by the Connect webhook. */
export interface AccountState {
  stripeAccountStatus: StripeAccountStatus;
  stripeChargesEnabled: boolean;
  stripePayoutsEnabled: boolean;
}

export function accountStateUpdate(account: StripeAccountFlags): AccountState {
  return {
    stripeAccountStatus: resolveAccountStatus(account),
    stripeChargesEnabled: account.charges_enabled,
    stripePayoutsEnabled: account.payouts_enabled,
  };
}
