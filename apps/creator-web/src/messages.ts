import type { ApiErrorKey, ClientErrorKey, StripeAccountStatus } from '@creator-payouts/api-client';

/** The page's own wording. Every error key the API or the client can give has a message here (the API's `message` is only a fallback). */
export interface Messages {
  pageTitle: string;
  loading: string;
  checkingWithStripe: string;
  checkFailed: string;
  tryAgain: string;
  redirecting: string;
  refreshing: string;
  signIn: string;
  /** `{id}`: the correlation id. */
  quoteToSupport: string;
  /** `{time}`: minutes or seconds, from `minutes`/`seconds`. */
  rateLimited: string;
  minutes: (n: number) => string;
  seconds: (n: number) => string;
  states: Record<StripeAccountStatus, { title: string; body: string; action?: string }>;
  errors: Record<ApiErrorKey | ClientErrorKey, string>;
}

const en: Messages = {
  pageTitle: 'Payouts',
  loading: 'Loading your payout account…',
  checkingWithStripe: 'Checking with Stripe…',
  checkFailed: 'We could not confirm your account with Stripe.',
  tryAgain: 'Try again',
  redirecting: 'Taking you to Stripe…',
  refreshing: 'Getting a new setup link from Stripe…',
  signIn: 'Sign in',
  quoteToSupport: 'If this keeps happening, contact support and quote this reference: {id}',
  rateLimited: 'Too many attempts. Try again in {time}.',
  minutes: (n) => (n === 1 ? '1 minute' : `${n} minutes`),
  seconds: (n) => (n === 1 ? '1 second' : `${n} seconds`),
  states: {
    NOT_STARTED: { title: 'Get paid for your sales', body: 'Set up payouts with Stripe to receive your earnings.', action: 'Set up payouts' },
    PENDING: { title: 'Finish setting up your account', body: 'Stripe needs a few more details before you can get paid.', action: 'Finish setting up' },
    RESTRICTED: { title: 'Finish setting up your account', body: 'Stripe needs more information before payouts can start.', action: 'Finish setting up' },
    DISABLED: { title: 'Payouts are disabled', body: 'Stripe has disabled payouts for this account. Contact support to sort it out.' },
    ACTIVE: { title: 'Payouts are active', body: 'See your balance, payouts and bank details on Stripe.', action: 'Manage payouts' },
  },
  errors: {
    'auth.unauthorized': 'Your session has ended. Sign in again.',
    'common.rate_limited': 'Too many attempts. Try again later.',
    'common.validation_failed': 'The request was not accepted.',
    'common.not_found': 'This page asked the server for something that does not exist.',
    'common.payload_too_large': 'The request was too large.',
    'common.internal_error': 'Something went wrong on our side.',
    'common.service_unavailable': 'The service is unavailable right now. Try again in a moment.',
    'creator.stripe.not_creator': 'Payouts are for creator accounts, and this account is not one.',
    'creator.stripe.account_not_found': 'You have no payout account yet. Set up payouts first.',
    'creator.stripe.not_active': 'Finish setting up your account before managing payouts.',
    'creator.stripe.service_unavailable': 'Payouts are not available right now.',
    'creator.stripe.upstream_error': 'Stripe did not answer. Try again in a moment.',
    'creator.stripe.kyc_required': 'Verify your identity before setting up payouts.',
    'creator.stripe.connect_in_progress': 'Your payout account is being created. Try again in a few seconds.',
    'webhook.invalid_signature': 'The request was not accepted.',
    'webhook.invalid_payload': 'The request was not accepted.',
    'webhook.not_configured': 'The service is unavailable right now.',
    'local.host_not_allowed': 'Local mode answers only this machine: open the page at http://127.0.0.1 or http://localhost.',
    'client.network_error': 'Could not reach the server. Check your connection and try again.',
    'client.unexpected_response': 'The server gave an unexpected answer. Try again in a moment.',
  },
};

const tr: Messages = {
  pageTitle: 'Ödemeler',
  loading: 'Ödeme hesabınız yükleniyor…',
  checkingWithStripe: 'Stripe ile kontrol ediliyor…',
  checkFailed: 'Hesabınız Stripe ile doğrulanamadı.',
  tryAgain: 'Tekrar dene',
  redirecting: 'Stripe’a yönlendiriliyorsunuz…',
  refreshing: 'Stripe’tan yeni bir kurulum bağlantısı alınıyor…',
  signIn: 'Giriş yap',
  quoteToSupport: 'Sorun devam ederse destek ekibine şu referansı iletin: {id}',
  rateLimited: 'Çok fazla deneme yapıldı. {time} sonra tekrar deneyin.',
  minutes: (n) => `${n} dakika`,
  seconds: (n) => `${n} saniye`,
  states: {
    NOT_STARTED: { title: 'Satışlarınızın ödemesini alın', body: 'Kazançlarınızı almak için Stripe ile ödemeleri ayarlayın.', action: 'Ödemeleri ayarla' },
    PENDING: {
      title: 'Hesabınızı ayarlamayı tamamlayın',
      body: 'Ödeme alabilmeniz için Stripe’ın birkaç bilgiye daha ihtiyacı var.',
      action: 'Ayarlamayı tamamla',
    },
    RESTRICTED: {
      title: 'Hesabınızı ayarlamayı tamamlayın',
      body: 'Ödemelerin başlaması için Stripe’ın daha fazla bilgiye ihtiyacı var.',
      action: 'Ayarlamayı tamamla',
    },
    DISABLED: { title: 'Ödemeler devre dışı', body: 'Stripe bu hesabın ödemelerini devre dışı bıraktı. Çözmek için destek ekibiyle iletişime geçin.' },
    ACTIVE: { title: 'Ödemeler etkin', body: 'Bakiyenizi, ödemelerinizi ve banka bilgilerinizi Stripe’ta görün.', action: 'Ödemeleri yönet' },
  },
  errors: {
    'auth.unauthorized': 'Oturumunuz sona erdi. Lütfen yeniden giriş yapın.',
    'common.rate_limited': 'Çok fazla deneme yapıldı. Daha sonra tekrar deneyin.',
    'common.validation_failed': 'İstek kabul edilmedi.',
    'common.not_found': 'Bu sayfa sunucudan var olmayan bir şey istedi.',
    'common.payload_too_large': 'İstek çok büyük.',
    'common.internal_error': 'Bizim tarafımızda bir sorun oluştu.',
    'common.service_unavailable': 'Hizmet şu anda kullanılamıyor. Biraz sonra tekrar deneyin.',
    'creator.stripe.not_creator': 'Ödemeler içerik üreticisi hesapları içindir; bu hesap öyle değil.',
    'creator.stripe.account_not_found': 'Henüz bir ödeme hesabınız yok. Önce ödemeleri ayarlayın.',
    'creator.stripe.not_active': 'Ödemeleri yönetmeden önce hesabınızı ayarlamayı tamamlayın.',
    'creator.stripe.service_unavailable': 'Ödemeler şu anda kullanılamıyor.',
    'creator.stripe.upstream_error': 'Stripe yanıt vermedi. Biraz sonra tekrar deneyin.',
    'creator.stripe.kyc_required': 'Ödemeleri ayarlamadan önce kimliğinizi doğrulayın.',
    'creator.stripe.connect_in_progress': 'Ödeme hesabınız oluşturuluyor. Birkaç saniye sonra tekrar deneyin.',
    'webhook.invalid_signature': 'İstek kabul edilmedi.',
    'webhook.invalid_payload': 'İstek kabul edilmedi.',
    'webhook.not_configured': 'Hizmet şu anda kullanılamıyor.',
    'local.host_not_allowed': 'Yerel mod yalnızca bu bilgisayara yanıt verir: sayfayı http://127.0.0.1 veya http://localhost adresinden açın.',
    'client.network_error': 'Sunucuya ulaşılamadı. Bağlantınızı kontrol edip tekrar deneyin.',
    'client.unexpected_response': 'Sunucudan beklenmeyen bir yanıt geldi. Biraz sonra tekrar deneyin.',
  },
};

export const MESSAGES = { en, tr } as const;
export type Locale = keyof typeof MESSAGES;

/** The first of the browser's languages the page speaks (`tr-TR` → `tr`); English otherwise. */
export function pickLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (base in MESSAGES) return base as Locale;
  }
  return 'en';
}
