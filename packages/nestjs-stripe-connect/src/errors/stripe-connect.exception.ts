import { ERROR_CATALOG, type ErrorDetail, type ErrorKey, type I18nVars } from './error-catalog';

/** The one exception the module throws for a client-visible error; its filter turns it into the envelope. */
export class StripeConnectException extends Error {
  readonly status: number;
  /** What exactly was wrong with the request's input (`common.validation_failed`). */
  readonly details?: ErrorDetail[];

  constructor(
    readonly i18nKey: ErrorKey,
    readonly i18nVars?: I18nVars,
    options?: { cause?: unknown; details?: ErrorDetail[] },
  ) {
    super(i18nKey, options);
    this.name = 'StripeConnectException';
    this.status = ERROR_CATALOG[i18nKey].status;
    this.details = options?.details;
  }
}
