import type { AccountState } from './store/connect-account-store';
import { recipientCapabilities, resolveAccountStatus, resolveV2AccountStatus, type StripeAccountFlags, type V2AccountFields } from './account-status';

export function accountStateUpdate(account: StripeAccountFlags): AccountState {
  return {
    stripeAccountStatus: resolveAccountStatus(account),
    stripeChargesEnabled: account.charges_enabled,
    stripePayoutsEnabled: account.payouts_enabled,
  };
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
