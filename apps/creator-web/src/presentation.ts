import { ApiError, type StripeAccountStatus } from '@creator-payouts/api-client';
import type { Messages } from './messages';

/** What a button does: the API call behind it, whose URL the browser then goes to. */
export type Action = 'initiate' | 'refreshLink' | 'dashboardLink';

const ACTION_BY_STATUS: Record<StripeAccountStatus, Action | null> = {
  NOT_STARTED: 'initiate',
  PENDING: 'refreshLink',
  RESTRICTED: 'refreshLink',
  DISABLED: null,
  ACTIVE: 'dashboardLink',
};

export interface StateView {
  title: string;
  body: string;
  /** The one button of the state, if any. */
  button: { action: Action; label: string } | null;
}

/** The page for an account status: its wording and its only button (the contract's table of states). */
export function stateView(status: StripeAccountStatus, messages: Messages): StateView {
  const { title, body, action: label } = messages.states[status];
  const action = ACTION_BY_STATUS[status];
  return { title, body, button: action && label ? { action, label } : null };
}

export interface ErrorView {
  text: string;
  /** 401: offer to sign in again. */
  signIn: boolean;
  /** `creator.stripe.not_active`: the account needs onboarding after all; show the finish-setup state. */
  finishSetup: boolean;
  /** A failure on our side or Stripe's: the line quoting the correlation id to support. */
  supportReference?: string;
}

/** What the creator reads for a failed call; no failure is silent. */
export function errorView(error: unknown, messages: Messages): ErrorView {
  const failure = error instanceof ApiError ? error : new ApiError(0, 'UNEXPECTED', 'client.unexpected_response', String(error));
  const text =
    failure.i18nKey === 'common.rate_limited' && failure.retryAfterSeconds !== undefined
      ? messages.rateLimited.replace('{time}', waitTime(failure.retryAfterSeconds, messages))
      : (messages.errors[failure.i18nKey] ?? failure.message);
  const serverSide = failure.status >= 500 && failure.correlationId !== undefined;
  return {
    text,
    signIn: failure.i18nKey === 'auth.unauthorized',
    finishSetup: failure.i18nKey === 'creator.stripe.not_active',
    supportReference: serverSide ? messages.quoteToSupport.replace('{id}', failure.correlationId) : undefined,
  };
}

/** "2 minutes" from 61..120 s, seconds under a minute: rounded up, so the creator never comes back too early. */
function waitTime(seconds: number, messages: Messages): string {
  return seconds < 60 ? messages.seconds(Math.max(1, Math.ceil(seconds))) : messages.minutes(Math.ceil(seconds / 60));
}
