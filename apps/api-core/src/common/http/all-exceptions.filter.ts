import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { classifyError, errorEnvelope, negotiateLocale, NOT_AN_OBJECT } from '@creator-payouts/nestjs-stripe-connect';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PinoLogger } from 'nestjs-pino';
import { isDatabaseUnavailable } from '../database/database-errors';
import { ERROR_CATALOG, type ErrorDetail, type ErrorKey, type I18nVars } from '../errors/error-catalog';
import { translate } from '../i18n/messages';
import type { ObservedResponse } from './request-finish.hook';
import { correlationIdOf, REQUEST_ID_HEADER } from './request-id';

/** The error envelope for a key and its status, in the caller's language (Accept-Language), with the request's correlation id. */
export function errorResponse(req: IncomingMessage, key: ErrorKey, vars?: I18nVars, details?: ErrorDetail[]) {
  const { status, code } = ERROR_CATALOG[key];
  const locale = negotiateLocale(req.headers['accept-language'] ?? '');
  return { status, body: errorEnvelope({ key, code, message: translate(key, locale, vars), vars, details }, correlationIdOf(req)) };
}

/** Answers with the error envelope from Nest middleware, which gets Node's own request and response on Fastify. */
export function sendError(req: IncomingMessage, res: ServerResponse, key: ErrorKey): void {
  const { status, body } = errorResponse(req, key);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', [REQUEST_ID_HEADER]: body.error.correlationId });
  res.end(JSON.stringify(body));
}

/**
 * Turns everything thrown outside the Stripe Connect module's routes (which have
 * the module's filter), by our code, guards, pipes, Nest or Fastify's body parsers,
 * into the error envelope. Only catalog messages reach the client; anything
 * unexpected is answered as `common.internal_error`, its stack on the request's log line.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {
    logger.setContext(AllExceptionsFilter.name);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { key, vars, details } = classify(exception);
    reportToRequestLine(this.logger, exception, key, reply);
    if (reply.raw.headersSent) {
      reply.raw.end();
      return;
    }
    // `X-Request-Id` is already on the reply (echoCorrelationId).
    const { status, body } = errorResponse(req.raw, key, vars, details);
    void reply.status(status).send(body);
  }
}

/** Fastify's error for a JSON body that is not JSON (its message, with positions and tokens, stays on the server). */
const UNPARSABLE_BODY = 'FST_ERR_CTP_INVALID_JSON_BODY';

/** The module's classification (its exceptions, the framework's), and a database that is away as 503. */
function classify(exception: unknown): { key: ErrorKey; vars?: I18nVars; details?: ErrorDetail[] } {
  const classified = classifyError(exception, classifyDatabaseError);
  // Nest hands on Fastify's body parser errors as HttpExceptions, the parser's own error as the cause.
  const unparsable = exception instanceof HttpException && (exception.cause as { code?: string } | undefined)?.code === UNPARSABLE_BODY;
  return unparsable ? { ...classified, details: [{ message: NOT_AN_OBJECT }] } : classified;
}

/** A database that cannot be reached is a 503 (retryable), not a bug. */
export function classifyDatabaseError(exception: unknown): 'common.service_unavailable' | undefined {
  return isDatabaseUnavailable(exception) ? 'common.service_unavailable' : undefined;
}

/** One line per request: what the operator needs of an error goes onto the request line (common/logging). */
export function reportToRequestLine(logger: PinoLogger, exception: unknown, key: ErrorKey, reply: FastifyReply): void {
  if (key === 'common.internal_error') {
    // The request line (request-finish.hook.ts) carries `err` with its stack, at level error.
    (reply.raw as ObservedResponse).err = exception instanceof Error ? exception : new Error(String(exception));
  } else if (key === 'common.service_unavailable' && isDatabaseUnavailable(exception)) {
    // Connection failures only: their messages may name the host, never a query, a value or a password.
    logger.assign({ databaseUnavailable: true, databaseErrorCode: (exception as { code?: string }).code, reason: (exception as Error).message });
  }
}
