import { resolveAccountStatus, resolveV2AccountStatus, type StripeAccountFlags, type V2AccountFields, v2AccountStateUpdate } from './account-status';

const account = (fields: Partial<StripeAccountFlags> & { disabled_reason?: string | null }): StripeAccountFlags => ({
  charges_enabled: fields.charges_enabled ?? false,
  payouts_enabled: fields.payouts_enabled ?? false,
  details_submitted: fields.details_submitted ?? false,
  requirements: { disabled_reason: fields.disabled_reason ?? null },
});

describe('resolveAccountStatus (contract status table, first match wins)', () => {
  it.each([
    ['no account', null, 'NOT_STARTED'],
    ['rejected for fraud, even if enabled', account({ disabled_reason: 'rejected.fraud', charges_enabled: true, payouts_enabled: true }), 'DISABLED'],
    ['rejected for terms of service', account({ disabled_reason: 'rejected.terms_of_service', details_submitted: true }), 'DISABLED'],
    ['charges and payouts enabled', account({ charges_enabled: true, payouts_enabled: true, details_submitted: true }), 'ACTIVE'],
    ['enabled although details not submitted', account({ charges_enabled: true, payouts_enabled: true }), 'ACTIVE'],
    ['only charges enabled, details not submitted', account({ charges_enabled: true }), 'PENDING'],
    ['fresh account, past-due requirements', account({ disabled_reason: 'requirements.past_due' }), 'PENDING'],
    ['details submitted, payouts not enabled', account({ details_submitted: true, charges_enabled: true }), 'RESTRICTED'],
    ['details submitted, under review', account({ details_submitted: true, disabled_reason: 'under_review' }), 'RESTRICTED'],
    ['no requirements object', { charges_enabled: false, payouts_enabled: false, details_submitted: true, requirements: null }, 'RESTRICTED'],
  ] as const)('%s → %s', (_name, input, expected) => {
    expect(resolveAccountStatus(input)).toBe(expected);
  });
});

type Capability = 'active' | 'pending' | 'rejected' | 'restricted' | 'unsupported';

/** A v2 recipient account as `retrieve` with `include: ['configuration.recipient', 'identity']` answers it. */
const v2Account = (fields: { transfers?: Capability; payouts?: Capability; termsAccepted?: boolean; closed?: boolean }): V2AccountFields => ({
  closed: fields.closed ?? false,
  configuration: {
    recipient: {
      applied: true,
      capabilities: {
        stripe_balance: {
          ...(fields.transfers && { stripe_transfers: { status: fields.transfers, status_details: [] } }),
          ...(fields.payouts && { payouts: { status: fields.payouts, status_details: [] } }),
        },
      },
    },
  },
  identity: fields.termsAccepted ? { attestations: { terms_of_service: { account: { date: '2026-12-01T10:00:00.000Z', ip: '203.0.113.7' } } } } : {},
});

describe('resolveV2AccountStatus (contract: "Which Stripe accounts", first row that holds)', () => {
  it.each([
    ['closed, even with transfers active', v2Account({ closed: true, transfers: 'active', payouts: 'active', termsAccepted: true }), 'DISABLED'],
    ['transfers rejected', v2Account({ transfers: 'rejected', termsAccepted: true }), 'DISABLED'],
    ['transfers unsupported (country)', v2Account({ transfers: 'unsupported' }), 'DISABLED'],
    ['transfers and payouts active', v2Account({ transfers: 'active', payouts: 'active', termsAccepted: true }), 'ACTIVE'],
    ['transfers active, no payouts capability listed', v2Account({ transfers: 'active', termsAccepted: true }), 'ACTIVE'],
    ['transfers active, payouts restricted', v2Account({ transfers: 'active', payouts: 'restricted', termsAccepted: true }), 'RESTRICTED'],
    ['transfers pending (verification), onboarding submitted', v2Account({ transfers: 'pending', payouts: 'pending', termsAccepted: true }), 'PENDING'],
    ['fresh: transfers restricted, onboarding never submitted', v2Account({ transfers: 'restricted', payouts: 'restricted' }), 'PENDING'],
    [
      'transfers restricted after onboarding (requirements past due)',
      v2Account({ transfers: 'restricted', payouts: 'restricted', termsAccepted: true }),
      'RESTRICTED',
    ],
    ['no recipient configuration at all', { closed: false }, 'PENDING'],
  ] as const)('%s → %s', (_name, input, expected) => {
    expect(resolveV2AccountStatus(input)).toBe(expected);
  });
});

describe('v2AccountStateUpdate (what the columns hold for a v2 account)', () => {
  it('a recipient takes no card payments; payouts follow the payouts capability', () => {
    expect(v2AccountStateUpdate(v2Account({ transfers: 'active', payouts: 'active', termsAccepted: true }))).toEqual({
      stripeAccountStatus: 'ACTIVE',
      stripeChargesEnabled: false,
      stripePayoutsEnabled: true,
    });
    expect(v2AccountStateUpdate(v2Account({ transfers: 'active', payouts: 'pending', termsAccepted: true })).stripePayoutsEnabled).toBe(false);
  });

  it('without a payouts capability, payouts follow transfers', () => {
    expect(v2AccountStateUpdate(v2Account({ transfers: 'active', termsAccepted: true })).stripePayoutsEnabled).toBe(true);
    expect(v2AccountStateUpdate(v2Account({ transfers: 'pending', termsAccepted: true })).stripePayoutsEnabled).toBe(false);
  });
});
