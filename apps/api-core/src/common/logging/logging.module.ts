import { type DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../config/app-config';
import { handlerRoute } from '../http/handler-route';
import { assignRequestId } from '../http/request-id';
import { logDestination } from './log-destination';

type RoutedRequest = IncomingMessage & { id?: string; ip?: string; route?: { path?: string } };

/** The request line's own fields, besides pino-http's `res`, `responseTime` and `err`. */
function requestLine(req: RoutedRequest, _res: ServerResponse, fields: object): object {
  return { req, clientIp: req.ip, route: handlerRoute(req), ...fields };
}

/**
 * Structured JSON logs: one line per request with its correlation id, route,
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
              // cost three (bench/README.md).
              quietReqLogger: true,
              quietResLogger: true,
              customAttributeKeys: { reqId: 'correlationId' },
              // Probes every few seconds would drown the request log.
              autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/api/health/') },
              // The request line: written when the response is finished, so the route is known.
              customSuccessObject: requestLine,
              customErrorObject: (req, res, _error, fields) => requestLine(req, res, fields),
              customLogLevel: (_req, res: ServerResponse, err?: Error) =>
                err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
              serializers: {
                req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
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
