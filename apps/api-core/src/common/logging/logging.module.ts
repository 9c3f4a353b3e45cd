import { type DynamicModule, Module } from '@nestjs/common';
import type { Request } from 'express';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../config/app-config';
import { assignRequestId } from '../http/request-id';
import { logDestination } from './log-destination';

/**
 * Redaction where a field can carry a secret: the `err` of an unexpected
 * exception, whose own properties pino copies (a client's `config.url` or
 * `headers`, say), on the error itself or one level inside it. Every other
 * field is chosen by the app: the request's method and path, status, route,
 * and what it assigns (Stripe's error ids; a database connection error's
 * message, which names hosts, never credentials). Redaction on every line is
 * work per request (bench/JOURNAL.md).
 */
const SECRET_KEYS = ['url', 'secretKey', 'authorization', 'Authorization', 'cookie', 'Cookie'];
export const LOG_REDACTION = {
  paths: SECRET_KEYS.flatMap((key) => [`err.${key}`, `err.*.${key}`, `err.headers.${key}`, `err.*.headers.${key}`]),
  censor: '[redacted]',
};

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
              // The request line is the app's own (RequestFinishMiddleware): one listener, one clock, with the metrics.
              autoLogging: false,
              // A request is only ever logged as its method and path (pino-http also binds it to a logger it does
              // not use, quietReqLogger): no headers, no query string, and none of the work of serializing them.
              wrapSerializers: false,
              serializers: { req: (req: Request) => ({ method: req.method, path: (req.originalUrl ?? req.url).split('?')[0] }) },
              redact: LOG_REDACTION,
            },
            destination ?? logDestination(),
          ],
        }),
      ],
    };
  }
}
