export { StripeConnectModule } from './stripe-connect.module';
export { MODULE_OPTIONS_TOKEN as STRIPE_CONNECT_MODULE_OPTIONS } from './stripe-connect.module-definition';
export type {
  StatusChange,
  StripeConnectErrorOptions,
  StripeConnectHooks,
  StripeConnectModuleExtras,
  StripeConnectModuleOptions,
  StripeConnectTelemetry,
} from './options';
export { DEFAULT_RATE_LIMIT } from './options';
export { StripeConnectService } from './stripe-connect.service';
export { StripeConnectWebhookService, type WebhookOutcome } from './stripe-connect-webhook.service';
export { StripeService } from './stripe/stripe.service';
export type { StripeFailure } from './stripe/stripe-errors';
export {
  type AccountState,
  ConnectAccountStore,
  type ConnectAccountTransaction,
  type CreationClaim,
  type CreatorAccount,
  DEAUTHORIZED,
  type LockedAccount,
  type OnboardingProfile,
  type RecordedEvent,
  StripeAccountApi,
  StripeAccountStatus,
} from './store/connect-account-store';
export { PrismaConnectAccountStore, type StripeConnectPrismaClient } from './store/prisma-connect-account-store';
export { type RedisClient, ResilientThrottlerStorage } from './rate-limit/resilient-throttler-storage';
export { ERROR_CATALOG, type ErrorDetail, type ErrorKey, type I18nVars } from './errors/error-catalog';
export { CATALOGS, DEFAULT_LOCALE, formatMessage, LOCALES, type Locale, negotiateLocale, translate } from './errors/messages';
export { StripeConnectException } from './errors/stripe-connect.exception';
export { ApiEnvelopeResponse, ApiErrorDto, ApiErrorResponseDto, ApiErrorResponses, type ApiErrorBody, type ApiResponseOf, ok, type Ok } from './http/envelope';
export { classifyError, errorBody, errorEnvelope, incomingRequestId, StripeConnectExceptionFilter } from './http/stripe-connect-exception.filter';
export { ApiNoBody, NoBodyDto, NOT_AN_OBJECT } from './http/no-body.pipe';
export { isUsableUserId, platformUserIdOf } from './user-id';
