/**
 * The stand-in's own fixtures, shaped like the resources in Stripe's OpenAPI
 * fixtures (values are ours). Like stripe-mock, every answer is the fixture
 * with ids substituted.
 */
export const fixtures = {
  login_link: {
    object: 'login_link',
    created: 1_761_955_200,
    url: 'https://connect.stripe.com/express/acct_standin/LnStandInToken',
  },
} as const;
