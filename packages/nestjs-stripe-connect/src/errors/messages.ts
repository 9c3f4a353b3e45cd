import Negotiator from 'negotiator';
import type { ErrorKey, I18nVars } from './error-catalog';

/**
 * Client-facing messages per language, typed against the error catalog so a
 * missing translation fails the build. `{name}` is replaced from `i18nVars`.
 *
 * Why not nestjs-i18n: a dozen strings used by one exception filter need no
 * file loading, watchers or resolvers; `negotiator` (what Express uses) picks
 * the language from `Accept-Language`, on any adapter.
 */
const en: Record<ErrorKey, string> = {
  'auth.unauthorized': 'Authentication required. Please sign in again.',
  'common.rate_limited': 'Too many requests. Please try again in {retryAfterSeconds} seconds.',
  'common.validation_failed': 'The request is malformed.',
  'common.not_found': 'Nothing was found at this address.',
  'common.payload_too_large': 'The request body is too large.',
  'common.internal_error': 'Something went wrong on our side. Please try again later.',
  'common.service_unavailable': 'The service is temporarily unavailable. Please try again shortly.',
  'creator.stripe.not_creator': 'You need a creator profile to manage payouts.',
  'creator.stripe.account_not_found': 'You have not set up a payout account yet.',
  'creator.stripe.not_active': 'Your payout account has not finished onboarding yet.',
  'creator.stripe.service_unavailable': 'Payouts are not available right now. Please try again later.',
  'creator.stripe.upstream_error': 'Our payment provider could not be reached. Please try again in a moment.',
  'creator.stripe.kyc_required': 'Please complete identity verification before setting up payouts.',
  'creator.stripe.connect_in_progress': 'Your payout account is being set up. Please try again in a few seconds.',
  'webhook.invalid_signature': 'The webhook signature is missing, invalid or outside the time tolerance.',
  'webhook.invalid_payload': 'The webhook payload is not a well-formed Stripe event.',
  'webhook.not_configured': 'Webhooks are not configured on this server.',
};

const tr: Record<ErrorKey, string> = {
  'auth.unauthorized': 'Kimlik doğrulaması gerekli. Lütfen yeniden giriş yapın.',
  'common.rate_limited': 'Çok fazla istek gönderildi. Lütfen {retryAfterSeconds} saniye sonra yeniden deneyin.',
  'common.validation_failed': 'İstek hatalı biçimlendirilmiş.',
  'common.not_found': 'Bu adreste bir şey bulunamadı.',
  'common.payload_too_large': 'İstek gövdesi çok büyük.',
  'common.internal_error': 'Bizim tarafımızda bir sorun oluştu. Lütfen daha sonra yeniden deneyin.',
  'common.service_unavailable': 'Hizmet geçici olarak kullanılamıyor. Lütfen biraz sonra yeniden deneyin.',
  'creator.stripe.not_creator': 'Ödemeleri yönetmek için bir içerik üretici profiline ihtiyacınız var.',
  'creator.stripe.account_not_found': 'Henüz bir ödeme hesabı oluşturmadınız.',
  'creator.stripe.not_active': 'Ödeme hesabınızın kurulumu henüz tamamlanmadı.',
  'creator.stripe.service_unavailable': 'Ödemeler şu anda kullanılamıyor. Lütfen daha sonra yeniden deneyin.',
  'creator.stripe.upstream_error': 'Ödeme sağlayıcımıza ulaşılamadı. Lütfen biraz sonra yeniden deneyin.',
  'creator.stripe.kyc_required': 'Ödemeleri ayarlamadan önce lütfen kimlik doğrulamasını tamamlayın.',
  'creator.stripe.connect_in_progress': 'Ödeme hesabınız hazırlanıyor. Lütfen birkaç saniye sonra yeniden deneyin.',
  'webhook.invalid_signature': 'Webhook imzası eksik, geçersiz veya zaman toleransının dışında.',
  'webhook.invalid_payload': 'Webhook içeriği geçerli bir Stripe olayı değil.',
  'webhook.not_configured': 'Bu sunucuda webhook yapılandırılmamış.',
};

export const CATALOGS = { en, tr } as const;
export type Locale = keyof typeof CATALOGS;
export const LOCALES = Object.keys(CATALOGS) as Locale[];
export const DEFAULT_LOCALE: Locale = 'en';

/** The best of our languages for an `Accept-Language` header; English when it accepts none of them. */
export function negotiateLocale(acceptLanguage: string): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  return (new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language(LOCALES) as Locale | undefined) ?? DEFAULT_LOCALE;
}

export function translate(key: ErrorKey, locale: Locale, vars: I18nVars = {}): string {
  return formatMessage(CATALOGS[locale][key], vars);
}

/** A message with its `{name}` placeholders filled from `vars` (for a host that adds messages of its own). */
export function formatMessage(template: string, vars: I18nVars = {}): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => String(vars[name] ?? placeholder));
}
