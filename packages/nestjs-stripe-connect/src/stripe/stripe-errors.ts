import Stripe from 'stripe';
import { StripeConnectException } from '../errors/stripe-connect.exception';

/** What the logs keep of a Stripe failure: never its message, which can echo request data. */
export interface StripeFailure {
  stripeRequestId?: string;
  stripeErrorType: string;
  stripeErrorCode?: string;
  stripeStatus?: number;
}

export function describeStripeError(error: InstanceType<typeof Stripe.errors.StripeError>): StripeFailure {
  return { stripeRequestId: error.requestId, stripeErrorType: error.type, stripeErrorCode: error.code, stripeStatus: error.statusCode };
}

/** The Stripe calls the creator routes make; the same answer means different things for each (contract: "Stripe failures"). */
export type StripeCall = 'createLoginLink' | 'createAccount' | 'createAccountLink';

/** Maps a Stripe failure to the contract's error for that call. Stripe's own text never reaches the client. */
export function toCreatorError(call: StripeCall, error: InstanceType<typeof Stripe.errors.StripeError>): StripeConnectException {
  if (error instanceof Stripe.errors.StripeInvalidRequestError) {
    // The stored account is gone (deleted, or made with another platform key).
    if ((error.code === 'resource_missing' || error.statusCode === 404) && call !== 'createAccount')
      return new StripeConnectException('creator.stripe.account_not_found', undefined, { cause: error });
    // Only a login link is refused for the account's own state (not an Express
    // account, onboarding unfinished). For the other calls a 400 is the
    // platform's own setup (Connect not enabled, a bad return URL): the
    // operator's to fix, not the creator's, so it stays an upstream error.
    if (call === 'createLoginLink' && error.statusCode === 400 && !error.param)
      return new StripeConnectException('creator.stripe.not_active', undefined, { cause: error });
  }
  // Platform key wrong, rate limited, Stripe down, connection failed or timed out, or the platform's setup.
  return new StripeConnectException('creator.stripe.upstream_error', undefined, { cause: error });
}
