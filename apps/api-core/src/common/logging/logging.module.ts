import { type DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../config/app-config';
import { handlerRoute } from '../http/handler-route';
import { assignRequestId } from '../http/request-id';
import { logDestination } from './log-destination';

type RoutedRequest = IncomingMessage & { id?: string; ip?: string; route?: { path?: string } };
/** `err`: the exception the app failed with (set by AllExceptionsFilter); pino-http logs it with its stack. */
type AnsweredResponse = ServerResponse & { err?: unknown };

/**
 * The request line's level: a 5xx the app caused is an error; a 502 or 503 is a
 * dependency's failure (Stripe, the database), a warning; a 4xx is the client's, info.
 */
function requestLevel(res: AnsweredResponse): 'error' | 'warn' | 'info' {
  if (res.err) return 'error';
  if (res.statusCode === 502 || res.statusCode === 503) return 'warn';
  return res.statusCode >= 500 ? 'error' : 'info';
}

/**
 * A request not fully received by its deadline (REQUEST_TIMEOUT_MS): Node itself
 * answered 408 and closed the connection, whatever status the app set afterwards.
 */
function cutAtDeadline(req: IncomingMessage): boolean {
  const error: NodeJS.ErrnoException | null = req.socket.errored;
  return error?.code === 'ERR_HTTP_REQUEST_TIMEOUT';
}

/** The request line's own fields, besides pino-http's `res`, `responseTime` and `err`. */
function requestLine(req: RoutedRequest, _res: ServerResponse, fields: object): object {
  return { req, clientIp: req.ip, route: handlerRoute(req), ...fields };
}

/**
 * Structured JSON logs: one line per request (and no other for it) with its correlation id, route,
 * status, latency and client address (`req.ip`, so behind TRUST_PROXY the
 * client's, not the proxy's). Only the method and path of a request are logged: no
 * headers (so no `Authorization`), no query string, no bodies (so no login URL).
 * Readable lines instead when stdout is a terminal (`logDestination`).
 */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          assignResponse: true,
          pinoHttp: [
            {
              level: config.logLevel,
              genReqId: assignRequestId,
              // Lines logged while a request runs carry its correlation id only. That
              // is one small child logger per request, where binding the whole request
              // cost three (bench/JOURNAL.md).
              quietReqLogger: true,
              quietResLogger: true,
              customAttributeKeys: { reqId: 'correlationId' },
              // Probes every few seconds would drown the request log.
              autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/api/health/') },
              // The request line: written when the response is finished, so the route is known.
              customSuccessObject: requestLine,
              // pino-http makes up an error ("failed with status code 503") for any 5xx: kept only when there is a real one.
              customErrorObject: (req, res: AnsweredResponse, _error, fields: { err?: unknown }) => {
                const { err, ...rest } = fields;
                return requestLine(req, res, res.err ? { ...rest, err } : rest);
              },
              customErrorMessage: (_req, res: AnsweredResponse) => (res.err ? 'request errored' : 'request completed'),
              customLogLevel: (_req, res: AnsweredResponse) => requestLevel(res),
              serializers: {
                req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
                res: (res: { statusCode: number | null; raw: ServerResponse }) => ({ statusCode: cutAtDeadline(res.raw.req) ? 408 : res.statusCode }),
              },
              // Defence in depth, should a later change log headers or config.
              redact: {
                paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["stripe-signature"]', '*.secretKey', '*.url'],
                censor: '[redacted]',
              },
            },
            destination ?? logDestination(),
          ],
        }),
      ],
    };
  }
}
