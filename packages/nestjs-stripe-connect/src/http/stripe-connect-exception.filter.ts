import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { ERROR_CATALOG, type ErrorDetail, type ErrorKey, type I18nVars } from '../errors/error-catalog';
import { negotiateLocale, translate } from '../errors/messages';
import { StripeConnectException } from '../errors/stripe-connect.exception';
import type { ResolvedStripeConnectOptions } from '../options';
import { STRIPE_CONNECT_OPTIONS } from '../tokens';
import type { ApiErrorBody, ApiResponseOf } from './envelope';

/** Framework statuses and the catalog key they are reported as. */
const KEY_BY_STATUS: Partial<Record<number, ErrorKey>> = {
  [HttpStatus.UNAUTHORIZED]: 'auth.unauthorized',
  [HttpStatus.FORBIDDEN]: 'auth.unauthorized',
  [HttpStatus.NOT_FOUND]: 'common.not_found',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'common.payload_too_large',
  [HttpStatus.TOO_MANY_REQUESTS]: 'common.rate_limited',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'common.service_unavailable',
};

// An incoming id is reused only when it is a plain token: it ends up in logs and headers.
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The caller's `X-Request-Id`, when it is a plain token that can be reused as the correlation id. */
export function incomingRequestId(headers: Record<string, string | string[] | undefined>): string | undefined {
  const incoming = headers['x-request-id'];
  return typeof incoming === 'string' && WELL_FORMED_REQUEST_ID.test(incoming) ? incoming : undefined;
}

/** The envelope around one error: the shape every client parses (`ApiResponseOf<never>`), whatever catalog the key is from. */
export function errorEnvelope<K extends string>(
  error: { key: K; code: string; message: string; vars?: I18nVars; details?: ErrorDetail[] },
  correlationId: string,
): { success: false; error: Omit<ApiErrorBody, 'i18nKey'> & { i18nKey: K } } {
  const { key, code, message, vars, details } = error;
  return { success: false, error: { code, message, i18nKey: key, ...(vars && { i18nVars: vars }), ...(details && { details }), correlationId } };
}

export interface ClassifiedError {
  key: ErrorKey;
  vars?: I18nVars;
  details?: ErrorDetail[];
}

/** What anything thrown is answered as: the module's own exceptions, the framework's by status, the rest by the host's `classify` or 500. */
export function classifyError(exception: unknown, classify?: (error: unknown) => ErrorKey | undefined): ClassifiedError {
  if (exception instanceof StripeConnectException) return { key: exception.i18nKey, vars: exception.i18nVars, details: exception.details };
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return { key: KEY_BY_STATUS[status] ?? (status >= 500 ? 'common.internal_error' : 'common.validation_failed') };
  }
  return { key: classify?.(exception) ?? 'common.internal_error' };
}

/** A 429 of the host's own ThrottlerGuard carries no seconds: they are in the Retry-After header it set. */
function withRetryAfter(error: ClassifiedError, res: object): ClassifiedError {
  if (error.key !== 'common.rate_limited' || error.vars) return error;
  const seconds = Number((res as { getHeader?(name: string): unknown }).getHeader?.('Retry-After'));
  return Number.isFinite(seconds) ? { ...error, vars: { retryAfterSeconds: seconds } } : error;
}

/** The error envelope's body for a key, in a language. */
export function errorBody({ key, vars, details }: ClassifiedError, locale: string, correlationId: string): ApiResponseOf<never> {
  return errorEnvelope({ key, code: ERROR_CATALOG[key].code, message: translate(key, negotiateLocale(locale), vars), vars, details }, correlationId);
}

/**
 * The module's routes answer errors in the contract's envelope, whatever the host's own format: this filter is
 * bound to the module's controllers only. Works on Express and Fastify (through Nest's HTTP adapter). The message
 * is the catalog's, in the caller's language (Accept-Language); the correlation id is the caller's X-Request-Id
 * when well formed, else the request's own (`req.id`, as pino-http and Fastify set it), else a new one, echoed back.
 */
@Catch()
@Injectable()
export class StripeConnectExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('StripeConnectModule');

  constructor(
    @Inject(STRIPE_CONNECT_OPTIONS) private readonly options: ResolvedStripeConnectOptions,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<{ id?: unknown; headers: Record<string, string | string[] | undefined> }>();
    const res = http.getResponse<object>();
    // Called as methods: the host may give an object whose methods use `this`.
    const { errors } = this.options;
    const error = classifyError(exception, errors.classify && ((unknownError) => errors.classify?.(unknownError)));
    if (errors.report) errors.report(exception, error.key, req, res);
    else if (error.key === 'common.internal_error') this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));

    const adapter = this.adapterHost.httpAdapter;
    if (adapter.isHeadersSent(res)) {
      adapter.end(res);
      return;
    }
    const correlationId = this.correlationId(req, res);
    const acceptLanguage = req.headers['accept-language'];
    adapter.reply(
      res,
      errorBody(withRetryAfter(error, res), typeof acceptLanguage === 'string' ? acceptLanguage : '', correlationId),
      ERROR_CATALOG[error.key].status,
    );
  }

  /** The caller's X-Request-Id when well formed, else the request's own id (pino-http's, Fastify's), else a new one; echoed back. */
  private correlationId(req: { id?: unknown; headers: Record<string, string | string[] | undefined> }, res: object): string {
    const id = incomingRequestId(req.headers) ?? (typeof req.id === 'string' && req.id ? req.id : randomUUID());
    this.adapterHost.httpAdapter.setHeader(res, 'X-Request-Id', id);
    return id;
  }
}
