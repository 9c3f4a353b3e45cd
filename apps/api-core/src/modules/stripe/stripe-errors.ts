import Stripe from 'stripe';
import { AppException } from '../../common/errors/app.exception';

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

/**
 * Maps a Stripe failure on a creator's connected account to the contract's
 * errors. Stripe's own text never reaches the client.
 */
export function toAccountError(error: InstanceType<typeof Stripe.errors.StripeError>): AppException {
  if (error instanceof Stripe.errors.StripeInvalidRequestError) {
    if (error.code === 'resource_missing') return new AppException('creator.stripe.account_not_found', undefined, { cause: error });
    // A 400 about the account itself: not an Express account, onboarding not complete.
    if (error.statusCode === 400 && !error.param) return new AppException('creator.stripe.not_active', undefined, { cause: error });
  }
  // Platform key wrong, rate limited, Stripe down, connection failed or timed out, or a request we got wrong.
  return new AppException('creator.stripe.upstream_error', undefined, { cause: error });
}
