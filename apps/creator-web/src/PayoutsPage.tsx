import type { PayoutsClient, StripeAccountStatus } from '@creator-payouts/api-client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ErrorNotice } from './ErrorNotice';
import type { Messages } from './messages';
import { type Action, errorView, stateView } from './presentation';

/** `STRIPE_CONNECT_RETURN_URL` points here with this marker: the creator is back from Stripe's onboarding. */
const RETURN_MARKER = 'from';

interface Props {
  api: PayoutsClient;
  messages: Messages;
}

/**
 * The payouts page, driven by `GET status` (a live pull from Stripe). Each
 * state has one button; its link is minted on click by a mutation (never a
 * query: a Stripe link is single-use), and the browser goes there in the same tab.
 */
export function PayoutsPage({ api, messages }: Props) {
  const [returning] = useState(() => new URLSearchParams(window.location.search).get(RETURN_MARKER) === 'stripe');
  const status = useQuery({ queryKey: ['stripe-connect-status'], queryFn: api.getStatus });
  // A dashboard link refused with `not_active`: the stored status was behind; show the finish-setup state.
  const [finishSetup, setFinishSetup] = useState(false);

  // One link per click: react-query renders `isPending` (the button's `disabled`) a task later, after a double click's second click.
  const minting = useRef(false);
  const link = useMutation({
    // Not kept in the mutation cache: the URL is a bearer credential.
    gcTime: 0,
    mutationFn: (action: Action) => mintLink(api, action),
    onSuccess: (url) => window.location.assign(url),
    onError: (error) => {
      minting.current = false;
      if (errorView(error, messages).finishSetup) setFinishSetup(true);
    },
  });
  const mint = (action: Action) => {
    if (minting.current) return;
    minting.current = true;
    link.mutate(action);
  };

  // Back from Stripe and confirmed: drop the marker, so a reload is an ordinary visit.
  useEffect(() => {
    if (returning && status.isSuccess) window.history.replaceState(null, '', window.location.pathname);
  }, [returning, status.isSuccess]);

  let content;
  if (status.isPending) {
    content = <p className="muted">{returning ? messages.checkingWithStripe : messages.loading}</p>;
  } else if (status.isError) {
    content = (
      <>
        {returning && <p>{messages.checkFailed}</p>}
        <ErrorNotice error={status.error} messages={messages} />
        <button type="button" onClick={() => void status.refetch()} disabled={status.isFetching}>
          {messages.tryAgain}
        </button>
      </>
    );
  } else {
    const current: StripeAccountStatus = finishSetup && status.data.stripeAccountStatus === 'ACTIVE' ? 'PENDING' : status.data.stripeAccountStatus;
    const view = stateView(current, messages);
    const busy = link.isPending || link.isSuccess; // success: the browser is leaving for Stripe
    content = (
      <section className={`state state-${current.toLowerCase()}`} aria-labelledby="state-title">
        <h2 id="state-title">{view.title}</h2>
        <p>{view.body}</p>
        {link.isError && <ErrorNotice error={link.error} messages={messages} />}
        {view.button && (
          <button type="button" className="primary" disabled={busy} aria-busy={busy} onClick={() => mint(view.button!.action)}>
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
