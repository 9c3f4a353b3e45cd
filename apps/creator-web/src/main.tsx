import { createPayoutsClient } from '@creator-payouts/api-client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MESSAGES, pickLocale } from './messages';
import { PayoutsPage } from './PayoutsPage';
import { RefreshPage } from './RefreshPage';
import { accessToken } from './session';
import './styles.css';

const locale = pickLocale(navigator.languages);
document.documentElement.lang = locale;
const messages = MESSAGES[locale];
document.title = messages.pageTitle;

// Same origin by default; VITE_API_BASE_URL when the API lives elsewhere (then list this app in its CORS_ORIGINS).
const api = createPayoutsClient({ baseUrl: import.meta.env.VITE_API_BASE_URL ?? '', getToken: accessToken, language: locale });

// A failed call is shown with its reason and a button to try again: nothing is retried behind the creator's back.
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

// Two pages: the payouts page, and the one Stripe sends a creator to when an onboarding link has expired.
const page =
  window.location.pathname.replace(/\/+$/, '') === '/payouts/refresh' ? (
    <RefreshPage api={api} messages={messages} />
  ) : (
    <PayoutsPage api={api} messages={messages} />
  );

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>{page}</QueryClientProvider>
  </StrictMode>,
);
