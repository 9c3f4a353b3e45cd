import type { PayoutsClient, StripeAccountStatus } from '@creator-payouts/api-client';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ErrorNotice } from './ErrorNotice';
import type { Messages } from './messages';
import { type Action, errorView, stateView } from './presentation';
import { useStripeLink } from './useStripeLink';

/** `STRIPE_CONNECT_RETURN_URL` points here with this marker: the creator is back from Stripe's onboarding. */
const RETURN_MARKER = 'from';

interface Props {
  api: PayoutsClient;
  messages: Messages;
}

/**
 * The payouts page, driven by `GET status` (a live pull from Stripe). Each
 * state has one button, which mints its Stripe link on click (useStripeLink).
 */
export function PayoutsPage({ api, messages }: Props) {
  const [returning] = useState(() => new URLSearchParams(window.location.search).get(RETURN_MARKER) === 'stripe');
  const status = useQuery({ queryKey: ['stripe-connect-status'], queryFn: api.getStatus });
  // A dashboard link refused with `not_active`: the stored status was behind; show the finish-setup state.
  const [finishSetup, setFinishSetup] = useState(false);

  const link = useStripeLink((action: Action) => mintLink(api, action), {
    onError: (error) => errorView(error, messages).finishSetup && setFinishSetup(true),
  });

  // Back from Stripe and confirmed: drop the marker, so a reload is an ordinary visit.
  useEffect(() => {
    if (!returning || !status.isSuccess) return;
    const url = new URL(window.location.href);
    url.searchParams.delete(RETURN_MARKER);
    window.history.replaceState(null, '', url);
  }, [returning, status.isSuccess]);

  let content;
  if (status.isPending) {
    content = <p className="muted">{returning ? messages.checkingWithStripe : messages.loading}</p>;
  } else if (status.isError) {
    content = (
      <>
        {returning && <p>{messages.checkFailed}</p>}
        <ErrorNotice error={status.error} messages={messages} />
        {/* cancelRefetch: false: a second click joins the check under way instead of starting another. */}
        <button type="button" onClick={() => void status.refetch({ cancelRefetch: false })} disabled={status.isFetching}>
          {messages.tryAgain}
        </button>
      </>
    );
  } else {
    const current: StripeAccountStatus = finishSetup && status.data.stripeAccountStatus === 'ACTIVE' ? 'PENDING' : status.data.stripeAccountStatus;
    const view = stateView(current, messages);
    const { busy } = link;
    content = (
      <section className={`state state-${current.toLowerCase()}`} aria-labelledby="state-title">
        <h2 id="state-title">{view.title}</h2>
        <p>{view.body}</p>
        {link.error && <ErrorNotice error={link.error} messages={messages} />}
        {view.button && (
          <button type="button" className="primary" disabled={busy} aria-busy={busy} onClick={() => link.start(view.button!.action)}>
            {view.button.label}
          </button>
        )}
        {busy && <p className="muted">{messages.redirecting}</p>}
      </section>
    );
  }

  return (
    <main>
      <h1>{messages.pageTitle}</h1>
      {/* State changes (loading → state, errors) are read out by screen readers. */}
      <div aria-live="polite">{content}</div>
    </main>
  );
}

async function mintLink(api: PayoutsClient, action: Action): Promise<string> {
  switch (action) {
    case 'initiate':
      return (await api.initiate()).onboardingUrl;
    case 'refreshLink':
      return (await api.refreshLink()).onboardingUrl;
    case 'dashboardLink':
      return (await api.getDashboardLink()).url;
  }
}
