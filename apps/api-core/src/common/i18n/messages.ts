import { CATALOGS as STRIPE_CONNECT_MESSAGES, formatMessage, type Locale } from '@creator-payouts/nestjs-stripe-connect';
import type { ErrorKey, I18nVars } from '../errors/error-catalog';

/** The module's messages, and the app's own, per language; typed against the app's catalog so a missing translation fails the build. */
const CATALOGS: Record<Locale, Record<ErrorKey, string>> = {
  en: {
    ...STRIPE_CONNECT_MESSAGES.en,
    'local.host_not_allowed': 'This local-mode server only answers requests addressed to 127.0.0.1, localhost or [::1].',
  },
  tr: {
    ...STRIPE_CONNECT_MESSAGES.tr,
    'local.host_not_allowed': 'Bu yerel mod sunucusu yalnızca 127.0.0.1, localhost veya [::1] adresine gönderilen isteklere yanıt verir.',
  },
};

export function translate(key: ErrorKey, locale: Locale, vars: I18nVars = {}): string {
  return formatMessage(CATALOGS[locale][key], vars);
}
