import type { NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { Server } from 'node:http';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { type AppExtensions, AppModule } from './app.module';
import type { AppConfig } from './common/config/app-config';
import { ERROR_CATALOG } from './common/errors/error-catalog';
import { ApiErrorResponseDto } from '@creator-payouts/nestjs-stripe-connect';

export const APP_OPTIONS: NestApplicationOptions = {
  bodyParser: false,
  bufferLogs: true,
  // Start-up errors reach the caller (main.ts prints them and exits 1) instead of Nest exiting on its own.
  abortOnError: false,
};

/**
 * Builds and initialises the fully configured app; `main.ts` and the e2e tests both use it, so tests run what production
 * runs. `extensions`: what the dev entry adds (local mode); production passes none.
 */
export async function createApp(config: AppConfig, logDestination?: DestinationStream, extensions?: AppExtensions): Promise<NestExpressApplication> {
  return configureApp(await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logDestination, extensions), APP_OPTIONS), config);
}

/** Everything `createApp` does once Nest has built the app (exported for tests that build it from a testing module). */
export async function configureApp(app: NestExpressApplication, config: AppConfig): Promise<NestExpressApplication> {
  app.useLogger(app.get(Logger));
  setServerTimeouts(app.getHttpServer(), config.http);
  app.disable('x-powered-by');
  // Answers are never cached (bearer URLs, live status): hashing every body for an ETag is wasted work.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.use(helmet());
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
function setUpOpenApi(app: NestExpressApplication): void {
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
}

/** The API's OpenAPI document: served at /api/docs-json, and the source of the typed client (packages/api-client). */
export function openApiDocument(app: NestExpressApplication): OpenAPIObject {
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
