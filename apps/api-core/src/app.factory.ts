import type { NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { type FastifyBodyParser, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { type AppExtensions, type AppInstruments, AppModule, BODY_LIMIT_BYTES, WEBHOOK_BODY_LIMIT_BYTES, WEBHOOK_PATH } from './app.module';
import type { AppConfig } from './common/config/app-config';
import { ERROR_CATALOG } from './common/errors/error-catalog';
import { observeRequestFinish, watchRequest } from './common/http/request-finish.hook';
import { errorResponse } from './common/http/all-exceptions.filter';
import { correlationIdOf, echoCorrelationId, REQUEST_ID_HEADER } from './common/http/request-id';
import { createAppLogger } from './common/logging/logging.module';
import { MetricsService } from './common/metrics/metrics.service';
import { ApiErrorResponseDto } from '@creator-payouts/nestjs-stripe-connect';

export const APP_OPTIONS: NestApplicationOptions = {
  // The webhook's signature is computed over the exact bytes Stripe sent (`req.rawBody`).
  rawBody: true,
  bufferLogs: true,
  // Start-up errors reach the caller (main.ts prints them and exits 1) instead of Nest exiting on its own.
  abortOnError: false,
};

/**
 * Builds and initialises the fully configured app; `main.ts` and the e2e tests both use it, so tests run what production
 * runs. `extensions`: what the dev entry adds (local mode); production passes none.
 */
export async function createApp(config: AppConfig, logDestination?: DestinationStream, extensions?: AppExtensions): Promise<NestFastifyApplication> {
  const instruments = createInstruments(config, logDestination);
  const module = AppModule.forRoot(config, instruments, extensions);
  return configureApp(await NestFactory.create<NestFastifyApplication>(module, createAdapter(config, instruments), APP_OPTIONS), config);
}

/** The app's logger and metrics, made first: Fastify's hooks and Nest's providers use the same ones. */
export function createInstruments(config: AppConfig, logDestination?: DestinationStream): AppInstruments {
  return { logger: createAppLogger(config, logDestination), metrics: new MetricsService() };
}

/**
 * The app runs on Fastify: on the bench it spends a fifth less CPU per request
 * than on Express (bench/JOURNAL.md). Fastify sends neither `X-Powered-By` nor ETags.
 * The app's request hooks are added here, before Nest adds middleware (the
 * local Host check may end a request), so every request gets its line and metrics.
 */
export function createAdapter(config: AppConfig, { logger, metrics }: AppInstruments): FastifyAdapter {
  const adapter = new FastifyAdapter({
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    // Express's routing, which clients may rely on: `/Dashboard-Link/` is `/dashboard-link`.
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false },
    // Each request's logger is a child of the app's, bound to its correlation id: a well-formed X-Request-Id, or a new one.
    loggerInstance: logger,
    genReqId: correlationIdOf,
    // The request line is the app's own (request-finish.hook.ts).
    logController: new LogController({ requestIdLogLabel: 'correlationId', disableRequestLogging: true }),
    // While shutting down, requests still arriving on open connections are served (readiness already says 503).
    return503OnClosing: false,
    clientErrorHandler: answerClientError,
    // A path that does not decode (`/%C3%28`) is refused by the router before any hook: answered in the envelope, logged and counted.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      watchRequest(request, reply, metrics);
      const { status, body } = errorResponse(request.raw, (error.statusCode ?? 500) < 500 ? 'common.validation_failed' : 'common.internal_error');
      void reply.status(status).header(REQUEST_ID_HEADER, body.error.correlationId).send(body);
    },
  });
  const fastify = adapter.getInstance();
  echoCorrelationId(fastify);
  observeRequestFinish(fastify, metrics);
  return adapter;
}

/**
 * A request Node could not parse, or that missed its deadline (setServerTimeouts):
 * answered as Node answers it when nothing listens for client errors, a status
 * line and no body (Fastify's own would be JSON outside the envelope), and only
 * if nothing was written on the connection yet; then the connection is closed.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex & { bytesWritten?: number }): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable && socket.bytesWritten === 0) {
    const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? 400;
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
  }
  socket.destroy(error);
}

/** Node's own statuses for client errors; any other is 400. */
const CLIENT_ERROR_STATUS: Record<string, number> = {
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
};

/** Everything `createApp` does once Nest has built the app (exported for tests that build it from a testing module). */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<NestFastifyApplication> {
  app.useLogger(app.get(Logger));
  setServerTimeouts(app.getHttpServer(), config.http);
  const fastify = app.getHttpAdapter().getInstance();
  allowWebhookBodies(fastify);
  app.useBodyParser('application/json', {}, jsonBodies(fastify));
  // Text bodies stay bytes (Fastify would make them a string), so a webhook sent as text/plain keeps the bytes Stripe signed.
  app.useBodyParser('text/plain');
  // Helmet 8's defaults, computed once at start-up.
  app.useSecurityHeaders();
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Accept-Language', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id', 'Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'],
      maxAge: 600,
    });
  }
  setUpOpenApi(app);
  await app.init();
  return app;
}

/**
 * JSON bodies as Fastify parses them (prototype poisoning refused), but for two:
 * the webhook's stays bytes until its signature is verified (the module parses
 * it then, and an event's metadata may hold any key), and an empty body is no
 * body (clients that send the content type with nothing).
 */
function jsonBodies(fastify: FastifyInstance): FastifyBodyParser<Buffer> {
  const parseJson = fastify.getDefaultJsonParser('error', 'error') as unknown as FastifyBodyParser<Buffer>;
  return (request, body, done) => {
    if (body.length === 0) done(null, undefined);
    else if (request.routeOptions.url === WEBHOOK_PATH) done(null, body);
    else void parseJson(request, body, done);
  };
}

/** Stripe's event payloads are larger than any other body the app takes: the webhook route alone gets a larger limit. */
function allowWebhookBodies(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    if (route.url === WEBHOOK_PATH && route.method === 'POST') route.bodyLimit = WEBHOOK_BODY_LIMIT_BYTES;
  });
}

/** How often Node looks for requests past their deadline (its default, 30 s, would let one run to twice the timeout). */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

/**
 * Slow clients: Node answers 408 and closes the connection of a request whose
 * headers or body have not fully arrived by their deadline. The deadline covers
 * receiving only; a request being handled (a slow Stripe call) is never cut.
 * Set before `listen()`, which starts the periodic check.
 */
function setServerTimeouts(server: Server, timeouts: AppConfig['http']): void {
  server.requestTimeout = timeouts.requestTimeoutMs;
  server.headersTimeout = timeouts.headersTimeoutMs;
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  // A createServer() option that Nest does not pass; Node reads the property when listening.
  Object.assign(server, { connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS });
}

/** Built on the first request for the docs, not at start-up. */
function setUpOpenApi(app: NestFastifyApplication): void {
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
}

/** The API's OpenAPI document: served at /api/docs-json, and the source of the typed client (packages/api-client). */
export function openApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Creator Stripe Connect API')
      .setDescription(
        'Creator-facing Stripe Connect Express endpoints. Every answer uses the envelope ' +
          '`{ success, data }` / `{ success, error }`; errors carry a stable `i18nKey`.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { extraModels: [ApiErrorResponseDto] },
  );
  // The module's envelope model lists the module's keys; this app answers its own too (local mode's Host check).
  const errorModel = document.components?.schemas?.ApiErrorDto as { properties?: Record<string, { enum?: unknown[] }> } | undefined;
  if (errorModel?.properties?.i18nKey) errorModel.properties.i18nKey.enum = Object.keys(ERROR_CATALOG);
  return document;
}
