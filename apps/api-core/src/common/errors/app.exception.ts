/**
 * The one exception the code throws for a client-visible error: the Stripe Connect module's, so that the module's
 * filter (on its routes) and the app's (everywhere else) both answer it with its key. The app's own key
 * (`local.host_not_allowed`) is answered directly by its middleware.
 */
export { StripeConnectException as AppException } from '@creator-payouts/nestjs-stripe-connect';
