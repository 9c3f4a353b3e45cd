import type { PayoutsClient } from '@creator-payouts/api-client';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ErrorNotice } from './ErrorNotice';
import type { Messages } from './messages';

/**
 * `STRIPE_CONNECT_REFRESH_URL`: Stripe sends the creator here when an onboarding
 * link expired or was already used. Mints a fresh one and goes there, replacing
 * this page in the history so Back does not mint another.
 */
export function RefreshPage({ api, messages }: { api: PayoutsClient; messages: Messages }) {
  const link = useMutation({
    gcTime: 0,
    mutationFn: () => api.refreshLink(),
    onSuccess: ({ onboardingUrl }) => window.location.replace(onboardingUrl),
  });
  // Once per visit (StrictMode runs effects twice in development).
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    link.mutate();
  }, [link]);

  return (
    <main>
      <h1>{messages.pageTitle}</h1>
      <div aria-live="polite">
        {link.isError ? (
          <>
            <ErrorNotice error={link.error} messages={messages} />
            <button type="button" className="primary" onClick={() => link.mutate()}>
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
