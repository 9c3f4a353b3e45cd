import { resolveAccountStatus, type StripeAccountFlags } from './account-status';

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
