/** The resolved options (defaults filled in, checked at start-up). */
export const STRIPE_CONNECT_OPTIONS = Symbol('STRIPE_CONNECT_OPTIONS');
/** The module's CreatorThrottlerGuard, built with its own options and storage. */
export const CREATOR_THROTTLER_GUARD = Symbol('CREATOR_THROTTLER_GUARD');
