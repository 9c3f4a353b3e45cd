import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { classifyError, errorEnvelope, negotiateLocale, NOT_AN_OBJECT } from '@creator-payouts/nestjs-stripe-connect';
import type { Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { isDatabaseUnavailable } from '../database/database-errors';
import { ERROR_CATALOG, type ErrorDetail, type ErrorKey, type I18nVars } from '../errors/error-catalog';
import { translate } from '../i18n/messages';
import { assignRequestId } from './request-id';

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
  const locale = negotiateLocale(req.get('accept-language') ?? '');
  const body = errorEnvelope({ key, code, message: translate(key, locale, vars), vars, details }, correlationId);
  res.status(status).json(body);
}

/**
 * Turns everything thrown outside the Stripe Connect module's routes (which have
 * the module's filter), by our code, guards, pipes, Nest or Express body parsers,
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
    const { key, vars, details } = classify(exception);
    reportToRequestLine(this.logger, exception, key, res);
    sendError(req, res, key, vars, details);
  }
}

/** The module's classification (its exceptions, the framework's), and a database that is away as 503. */
function classify(exception: unknown): { key: ErrorKey; vars?: I18nVars; details?: ErrorDetail[] } {
  const classified = classifyError(exception, classifyDatabaseError);
  // Nest hands on the body parsers' errors as HttpExceptions, the parser's own error as the cause.
  const unparsable = exception instanceof HttpException && (exception.cause as { type?: unknown } | undefined)?.type === 'entity.parse.failed';
  return unparsable ? { ...classified, details: [{ message: NOT_AN_OBJECT }] } : classified;
}

/** A database that cannot be reached is a 503 (retryable), not a bug. */
export function classifyDatabaseError(exception: unknown): 'common.service_unavailable' | undefined {
  return isDatabaseUnavailable(exception) ? 'common.service_unavailable' : undefined;
}

/** One line per request: what the operator needs of an error goes onto the request line (common/logging). */
export function reportToRequestLine(logger: PinoLogger, exception: unknown, key: ErrorKey, res: Response): void {
  if (key === 'common.internal_error') {
    // The request line (RequestFinishMiddleware) carries `res.err` with its stack, at level error.
    res.err = exception instanceof Error ? exception : new Error(String(exception));
  } else if (key === 'common.service_unavailable' && isDatabaseUnavailable(exception)) {
    // Connection failures only: their messages may name the host, never a query, a value or a password.
    logger.assign({ databaseUnavailable: true, databaseErrorCode: (exception as { code?: string }).code, reason: (exception as Error).message });
  }
}
