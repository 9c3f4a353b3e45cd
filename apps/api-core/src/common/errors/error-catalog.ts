import { HttpStatus } from '@nestjs/common';
import { ERROR_CATALOG as STRIPE_CONNECT_ERRORS, type ErrorDetail, type I18nVars } from '@creator-payouts/nestjs-stripe-connect';

/**
 * Every error a client of this app can see: the module's catalog (its routes,
 * and the app's own common answers) and the app's own keys. Messages per
 * language live in `common/i18n`.
 */
export const ERROR_CATALOG = {
  ...STRIPE_CONNECT_ERRORS,
  'local.host_not_allowed': { status: HttpStatus.FORBIDDEN, code: 'HOST_NOT_ALLOWED' },
} as const satisfies Record<string, { status: HttpStatus; code: string }>;

export type ErrorKey = keyof typeof ERROR_CATALOG;
export type { ErrorDetail, I18nVars };
