import { HttpStatus } from '@nestjs/common';

/**
 * Every error the module's routes can answer, declared once: its `i18nKey`
 * (what clients switch on), HTTP status and stable machine code. Messages per
 * language are in `messages.ts`. Exported for a host that renders its own envelope.
 */
export const ERROR_CATALOG = {
  'auth.unauthorized': { status: HttpStatus.UNAUTHORIZED, code: 'UNAUTHORIZED' },
  'common.rate_limited': { status: HttpStatus.TOO_MANY_REQUESTS, code: 'RATE_LIMITED' },
  'common.validation_failed': { status: HttpStatus.BAD_REQUEST, code: 'VALIDATION_FAILED' },
  'common.not_found': { status: HttpStatus.NOT_FOUND, code: 'NOT_FOUND' },
  'common.payload_too_large': { status: HttpStatus.PAYLOAD_TOO_LARGE, code: 'PAYLOAD_TOO_LARGE' },
  'common.internal_error': { status: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL_ERROR' },
  'common.service_unavailable': { status: HttpStatus.SERVICE_UNAVAILABLE, code: 'SERVICE_UNAVAILABLE' },
  'creator.stripe.not_creator': { status: HttpStatus.NOT_FOUND, code: 'CREATOR_PROFILE_NOT_FOUND' },
  'creator.stripe.account_not_found': { status: HttpStatus.BAD_REQUEST, code: 'STRIPE_ACCOUNT_NOT_FOUND' },
  'creator.stripe.not_active': { status: HttpStatus.BAD_REQUEST, code: 'STRIPE_ACCOUNT_NOT_ACTIVE' },
  'creator.stripe.service_unavailable': { status: HttpStatus.BAD_REQUEST, code: 'STRIPE_NOT_CONFIGURED' },
  'creator.stripe.upstream_error': { status: HttpStatus.BAD_GATEWAY, code: 'STRIPE_UPSTREAM_ERROR' },
  'creator.stripe.kyc_required': { status: HttpStatus.BAD_REQUEST, code: 'KYC_NOT_APPROVED' },
  'creator.stripe.connect_in_progress': { status: HttpStatus.CONFLICT, code: 'STRIPE_CONNECT_IN_PROGRESS' },
  'webhook.invalid_signature': { status: HttpStatus.BAD_REQUEST, code: 'WEBHOOK_SIGNATURE_INVALID' },
  'webhook.invalid_payload': { status: HttpStatus.BAD_REQUEST, code: 'WEBHOOK_PAYLOAD_INVALID' },
  'webhook.not_configured': { status: HttpStatus.SERVICE_UNAVAILABLE, code: 'WEBHOOK_NOT_CONFIGURED' },
} as const satisfies Record<string, { status: HttpStatus; code: string }>;

export type ErrorKey = keyof typeof ERROR_CATALOG;
export type I18nVars = Record<string, string | number>;
/** One problem with the request's input: the field (dotted path) when there is one, and what is wrong. */
export type ErrorDetail = { field?: string; message: string };
