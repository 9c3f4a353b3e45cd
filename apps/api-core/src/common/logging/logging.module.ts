import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';
import type { AppConfig } from '../config/app-config';
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
 * The app's one pino instance: structured JSON lines, one per request (and no
 * other for it) with its correlation id, route, status, latency and client
 * address (Fastify's `request.ip`, so behind TRUST_PROXY the client's, not the
 * proxy's). A request is only ever logged as its method and path: no headers
 * (so no `Authorization`), no query string, no bodies (so no login URL).
 * Readable lines instead when stdout is a terminal (`logDestination`).
 */
export function createAppLogger(config: AppConfig, destination?: DestinationStream): PinoLogger {
  // `originalUrl`: the path as it came, whatever middleware did to `url` (@fastify/middie sets it).
  const serializers = {
    req: (req: IncomingMessage & { originalUrl?: string }) => ({ method: req.method, path: (req.originalUrl ?? req.url ?? '').split('?')[0] }),
  };
  return pino({ level: config.logLevel, serializers, redact: LOG_REDACTION }, destination ?? logDestination());
}

/**
 * nestjs-pino on the logger Fastify already gives each request (`useExisting`):
 * the app's pino instance (createAppLogger) is Fastify's `loggerInstance` and
 * nestjs-pino's root alike, so a request's logger is one child carrying its
 * correlation id, to which `PinoLogger.assign` adds fields for the request line.
 */
@Module({})
export class LoggingModule {
  static forRoot(logger: PinoLogger): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          useExisting: true,
          assignResponse: true,
          // Out of a request (start-up, shutdown), the same instance with the same serializers (pino-http would
          // otherwise wrap its own request serializer, headers and all, around the app's).
          pinoHttp: { logger, wrapSerializers: false },
          // Every path. nestjs-pino's default pattern ('{/*splat}') matches no request on Fastify.
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        }),
      ],
    };
  }
}
