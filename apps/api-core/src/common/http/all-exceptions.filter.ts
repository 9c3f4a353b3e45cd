import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { isDatabaseUnavailable } from '../database/database-errors';
import { AppException } from '../errors/app.exception';
import { ERROR_CATALOG, type ErrorDetail, type ErrorKey, type I18nVars } from '../errors/error-catalog';
import { DEFAULT_LOCALE, LOCALES, translate, type Locale } from '../i18n/messages';
import type { ApiResponseOf } from './api-response';
import { assignRequestId } from './request-id';
import { NOT_AN_OBJECT } from './validation';

/**
 * Answers with the error envelope, in the caller's language (Accept-Language),
 * with the request's correlation id (the request logger's, or a new one).
 */
export function sendError(req: Request, res: Response, key: ErrorKey, vars?: I18nVars, details?: ErrorDetail[]): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const { status, code } = ERROR_CATALOG[key];
  const correlationId = (req.id as string | undefined) ?? assignRequestId(req, res);
  const locale = (req.acceptsLanguages(...LOCALES) || DEFAULT_LOCALE) as Locale;
  const body: ApiResponseOf<never> = {
    success: false,
    error: { code, message: translate(key, locale, vars), i18nKey: key, ...(vars && { i18nVars: vars }), ...(details && { details }), correlationId },
  };
  res.status(status).json(body);
}

/** Framework statuses and the catalog key they are reported as. */
const KEY_BY_STATUS: Partial<Record<number, ErrorKey>> = {
  [HttpStatus.UNAUTHORIZED]: 'auth.unauthorized',
  [HttpStatus.FORBIDDEN]: 'auth.unauthorized',
  [HttpStatus.NOT_FOUND]: 'common.not_found',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'common.payload_too_large',
  [HttpStatus.TOO_MANY_REQUESTS]: 'common.rate_limited',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'common.service_unavailable',
};

/**
 * Turns everything thrown, by our code, guards, pipes, Nest or Express body parsers,
 * into the error envelope. Only catalog messages reach the client; anything
 * unexpected is answered as `common.internal_error`, its stack on the request's log line.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {
    logger.setContext(AllExceptionsFilter.name);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const { key, vars, details } = this.classify(exception);
    // One line per request: what the operator needs goes onto the request line (common/logging).
    if (key === 'common.internal_error') {
      // pino-http logs `res.err` with its stack, at level error.
      res.err = exception instanceof Error ? exception : new Error(String(exception));
    } else if (key === 'common.service_unavailable' && !(exception instanceof HttpException)) {
      // Connection failures only (isDatabaseUnavailable): their messages may name the host, never a query, a value or a password.
      this.logger.assign({ databaseUnavailable: true, databaseErrorCode: (exception as { code?: string }).code, reason: (exception as Error).message });
    }
    sendError(req, res, key, vars, details);
  }

  private classify(exception: unknown): { key: ErrorKey; vars?: I18nVars; details?: ErrorDetail[] } {
    if (exception instanceof AppException) return { key: exception.i18nKey, vars: exception.i18nVars, details: exception.details };
    if (isDatabaseUnavailable(exception)) return { key: 'common.service_unavailable' };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const key = KEY_BY_STATUS[status] ?? (status >= 500 ? 'common.internal_error' : 'common.validation_failed');
      // Nest hands on the body parsers' errors as HttpExceptions, the parser's own error as the cause.
      const unparsable = (exception.cause as { type?: unknown } | undefined)?.type === 'entity.parse.failed';
      return { key, details: unparsable ? [{ message: NOT_AN_OBJECT }] : undefined };
    }
    return { key: 'common.internal_error' };
  }
}
