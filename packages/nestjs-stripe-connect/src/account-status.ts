import { type AccountState, StripeAccountStatus } from './store/connect-account-store';
import type Stripe from 'stripe';

// How a Stripe account, v1 or v2, reads as our stored state: its status (the contract's tables) and the columns.

/** The fields of a v1 Stripe account the status depends on. */
export interface StripeAccountFlags {
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  requirements?: { disabled_reason?: string | null } | null;
}

/**
 * The contract's status resolution table for a v1 account; the first condition that holds wins.
 * `null` stands for "no Stripe account".
 */
export function resolveAccountStatus(account: StripeAccountFlags | null): StripeAccountStatus {
  if (!account) return StripeAccountStatus.NOT_STARTED;
  if (account.requirements?.disabled_reason?.startsWith('rejected.')) return StripeAccountStatus.DISABLED;
  if (account.charges_enabled && account.payouts_enabled) return StripeAccountStatus.ACTIVE;
  if (!account.details_submitted) return StripeAccountStatus.PENDING;
  return StripeAccountStatus.RESTRICTED;
}

/** A v1 account's state in the stored columns. */
export function accountStateUpdate(account: StripeAccountFlags): AccountState {
  return {
    stripeAccountStatus: resolveAccountStatus(account),
    stripeChargesEnabled: account.charges_enabled,
    stripePayoutsEnabled: account.payouts_enabled,
  };
}

/** The fields of a v2 account the status depends on (retrieved with `include` of the recipient configuration and identity). */
export type V2AccountFields = Pick<Stripe.V2.Core.Account, 'closed' | 'configuration' | 'identity'>;

type CapabilityStatus = 'active' | 'pending' | 'rejected' | 'restricted' | 'unsupported';

/** The recipient's balance capabilities: receiving transfers, and paying them out. */
export function recipientCapabilities(account: V2AccountFields): { transfers?: CapabilityStatus; payouts?: CapabilityStatus } {
  const balance = account.configuration?.recipient?.capabilities?.stripe_balance;
  return { transfers: balance?.stripe_transfers?.status, payouts: balance?.payouts?.status };
}

/**
 * Onboarding submitted: the creator accepted Stripe's terms at the end of the hosted onboarding (v2 has no
 * `details_submitted`; this attestation is what the flow records last).
 */
export function v2OnboardingSubmitted(account: V2AccountFields): boolean {
  return Boolean(account.identity?.attestations?.terms_of_service?.account?.date);
}

/**
 * The contract's status table for a v2 account, first row that holds. A recipient takes no card payments, so
 * `ACTIVE` follows its transfers (and payouts, when Stripe lists them), never charges.
 */
export function resolveV2AccountStatus(account: V2AccountFields): StripeAccountStatus {
  const { transfers, payouts } = recipientCapabilities(account);
  if (account.closed) return StripeAccountStatus.DISABLED;
  if (transfers === 'rejected' || transfers === 'unsupported') return StripeAccountStatus.DISABLED;
  if (transfers === 'active' && (payouts === undefined || payouts === 'active')) return StripeAccountStatus.ACTIVE;
  if (transfers === 'pending' || !v2OnboardingSubmitted(account)) return StripeAccountStatus.PENDING;
  return StripeAccountStatus.RESTRICTED;
}

/**
 * A v2 account's state in the same columns. Charges: a recipient has none (only a merchant configuration takes
 * card payments). Payouts: the recipient's payouts capability, or its transfers when Stripe lists no payouts.
 */
export function v2AccountStateUpdate(account: V2AccountFields): AccountState {
  const { transfers, payouts } = recipientCapabilities(account);
  return {
    stripeAccountStatus: resolveV2AccountStatus(account),
    stripeChargesEnabled: account.configuration?.merchant?.capabilities?.card_payments?.status === 'active',
    stripePayoutsEnabled: (payouts ?? transfers) === 'active',
  };
}
