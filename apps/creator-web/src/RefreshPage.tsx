import type { PayoutsClient } from '@creator-payouts/api-client';
import { useEffect, useRef } from 'react';
import { ErrorNotice } from './ErrorNotice';
import type { Messages } from './messages';
import { useStripeLink } from './useStripeLink';

/**
 * `STRIPE_CONNECT_REFRESH_URL`: Stripe sends the creator here when an onboarding
 * link expired or was already used. Mints a fresh one and goes there, replacing
 * this page in the history so Back does not mint another.
 */
export function RefreshPage({ api, messages }: { api: PayoutsClient; messages: Messages }) {
  const link = useStripeLink(async () => (await api.refreshLink()).onboardingUrl, { replace: true });
  // Once per visit (StrictMode runs effects twice in development); `start` is stable.
  const visited = useRef(false);
  const { start } = link;
  useEffect(() => {
    if (visited.current) return;
    visited.current = true;
    start(undefined);
  }, [start]);

  return (
    <main>
      <h1>{messages.pageTitle}</h1>
      <div aria-live="polite">
        {link.error ? (
          <>
            <ErrorNotice error={link.error} messages={messages} />
            <button type="button" className="primary" disabled={link.busy} onClick={() => link.start(undefined)}>
              {messages.tryAgain}
            </button>
            <p>
              <a href="/payouts">{messages.pageTitle}</a>
            </p>
          </>
        ) : (
          <p className="muted">{messages.refreshing}</p>
        )}
      </div>
    </main>
  );
}
