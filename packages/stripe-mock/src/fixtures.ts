/**
 * The stand-in's own fixtures, shaped like the resources in Stripe's OpenAPI
 * fixtures (values are ours). Like stripe-mock, every answer is a fixture with
 * ids substituted; a created account always has the fixture's id.
 */
export const fixtures = {
  login_link: {
    object: 'login_link',
    created: 1_761_955_200,
    url: 'https://connect.stripe.com/express/acct_standin/LnStandInToken',
  },
  account_link: {
    object: 'account_link',
    created: 1_761_955_200,
    expires_at: 1_761_955_500,
    url: 'https://connect.stripe.com/setup/e/acct_standin/OnbStandInToken',
  },
  // A freshly created Express account: onboarding not started, nothing enabled.
  account: {
    id: 'acct_1StandInFixture',
    object: 'account',
    type: 'express',
    business_type: null,
    capabilities: { transfers: 'inactive' },
    charges_enabled: false,
    payouts_enabled: false,
    details_submitted: false,
    country: 'US',
    default_currency: 'usd',
    created: 1_761_955_200,
    email: 'creator@example.com',
    metadata: {},
    controller: { type: 'application', is_controller: true },
    requirements: {
      alternatives: [],
      current_deadline: null,
      currently_due: ['business_profile.url', 'external_account', 'tos_acceptance.date', 'tos_acceptance.ip'],
      disabled_reason: 'requirements.past_due',
      errors: [],
      eventually_due: ['business_profile.url', 'external_account', 'tos_acceptance.date', 'tos_acceptance.ip'],
      past_due: [],
      pending_verification: [],
    },
    tos_acceptance: { date: null, ip: null },
  },
} as const;
