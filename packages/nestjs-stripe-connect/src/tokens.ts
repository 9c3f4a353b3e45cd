/** The resolved options (defaults filled in, checked at start-up). */
export const STRIPE_CONNECT_OPTIONS = Symbol('STRIPE_CONNECT_OPTIONS');
/** The module's CreatorThrottlerGuard, built with its own options and storage. */
export const CREATOR_THROTTLER_GUARD = Symbol('CREATOR_THROTTLER_GUARD');
/** The platform's Stripe client (null without a secret key): a provider of its own, so a test can give the real SDK a transport that never leaves the process. */
export const STRIPE_CLIENT = Symbol('STRIPE_CLIENT');
