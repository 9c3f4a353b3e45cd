/**
 * The creator's session, as far as this page needs it: an access token for the
 * API. A platform puts its own here. In local mode the API's sign-in page (never
 * served anywhere else) stores a dev token under this key for the tab; it
 * survives the round trip to Stripe's pages and ends with the tab.
 */
export const ACCESS_TOKEN_KEY = 'creator-payouts.accessToken';

export function accessToken(): string | null {
  return sessionStorage.getItem(ACCESS_TOKEN_KEY);
}

/** Where "Sign in" leads: the platform's sign-in page (local mode's demo sign-in by default). */
export const SIGN_IN_URL: string = import.meta.env.VITE_SIGN_IN_URL || '/';
