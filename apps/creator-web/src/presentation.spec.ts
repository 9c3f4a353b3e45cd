import { ApiError } from '@creator-payouts/api-client';
import { MESSAGES, pickLocale } from './messages';
import { errorView, stateView } from './presentation';

const { en, tr } = MESSAGES;

describe('stateView: each account status, its wording and its only button', () => {
  it.each([
    ['NOT_STARTED', 'Get paid for your sales', { action: 'initiate', label: 'Set up payouts' }],
    ['PENDING', 'Finish setting up your account', { action: 'refreshLink', label: 'Finish setting up' }],
    ['RESTRICTED', 'Finish setting up your account', { action: 'refreshLink', label: 'Finish setting up' }],
    ['DISABLED', 'Payouts are disabled', null],
    ['ACTIVE', 'Payouts are active', { action: 'dashboardLink', label: 'Manage payouts' }],
  ] as const)('%s', (status, title, button) => {
    expect(stateView(status, en)).toMatchObject({ title, button });
  });

  it('in Turkish too', () => {
    expect(stateView('ACTIVE', tr)).toMatchObject({ title: 'Ödemeler etkin', button: { label: 'Ödemeleri yönet' } });
    expect(stateView('NOT_STARTED', tr).button?.label).toBe('Ödemeleri ayarla');
  });
});

describe('errorView: every failure says something', () => {
  const apiError = (status: number, key: ConstructorParameters<typeof ApiError>[2], extra: { correlationId?: string; retryAfterSeconds?: number } = {}) =>
    new ApiError(status, 'CODE', key, 'The API says so', extra.correlationId, extra.retryAfterSeconds);

  it('429: when to try again, rounded up, in minutes or seconds', () => {
    expect(errorView(apiError(429, 'common.rate_limited', { retryAfterSeconds: 3599 }), en).text).toBe('Too many attempts. Try again in 60 minutes.');
    expect(errorView(apiError(429, 'common.rate_limited', { retryAfterSeconds: 61 }), en).text).toBe('Too many attempts. Try again in 2 minutes.');
    expect(errorView(apiError(429, 'common.rate_limited', { retryAfterSeconds: 60 }), en).text).toBe('Too many attempts. Try again in 1 minute.');
    expect(errorView(apiError(429, 'common.rate_limited', { retryAfterSeconds: 1 }), en).text).toBe('Too many attempts. Try again in 1 second.');
    expect(errorView(apiError(429, 'common.rate_limited', { retryAfterSeconds: 45 }), tr).text).toBe(
      'Çok fazla deneme yapıldı. 45 saniye sonra tekrar deneyin.',
    );
    expect(errorView(apiError(429, 'common.rate_limited'), en).text).toBe('Too many attempts. Try again later.');
  });

  it('401: asks to sign in again', () => {
    expect(errorView(apiError(401, 'auth.unauthorized'), en)).toMatchObject({
      text: 'Your session has ended. Sign in again.',
      signIn: true,
      supportReference: undefined,
    });
  });

  it('not_active: the finish-setup state', () => {
    expect(errorView(apiError(400, 'creator.stripe.not_active'), en)).toMatchObject({ finishSetup: true, signIn: false });
  });

  it('5xx: says so, with the correlation id to quote to support', () => {
    expect(errorView(apiError(502, 'creator.stripe.upstream_error', { correlationId: 'req-123' }), en)).toEqual({
      text: 'Stripe did not answer. Try again in a moment.',
      signIn: false,
      finishSetup: false,
      supportReference: 'If this keeps happening, contact support and quote this reference: req-123',
    });
    expect(errorView(apiError(500, 'common.internal_error', { correlationId: 'req-9' }), tr).supportReference).toBe(
      'Sorun devam ederse destek ekibine şu referansı iletin: req-9',
    );
  });

  it('no answer at all: a network failure, said as such', () => {
    expect(errorView(apiError(0, 'client.network_error'), en)).toMatchObject({
      text: 'Could not reach the server. Check your connection and try again.',
      supportReference: undefined,
    });
  });

  it('a key this app does not know (a newer API): the API’s own message', () => {
    expect(errorView(apiError(400, 'creator.stripe.something_new' as never), en).text).toBe('The API says so');
  });

  it('anything thrown that is not an ApiError: the unexpected-answer message', () => {
    expect(errorView(new TypeError('boom'), en).text).toBe('The server gave an unexpected answer. Try again in a moment.');
  });

  it('every key has its own wording in both languages', () => {
    for (const key of Object.keys(en.errors) as (keyof typeof en.errors)[]) {
      expect(tr.errors[key]).toEqual(expect.any(String));
      expect(tr.errors[key]).not.toBe(en.errors[key]);
    }
  });
});

describe('pickLocale', () => {
  it('takes the first language the page speaks', () => {
    expect(pickLocale(['tr-TR', 'en-US'])).toBe('tr');
    expect(pickLocale(['de-DE', 'en-GB'])).toBe('en');
    expect(pickLocale(['de-DE'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
});
